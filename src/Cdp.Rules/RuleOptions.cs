namespace Cdp.Rules;

/// <summary>Limits that protect every consumer of a rule from hostile or runaway input.</summary>
public sealed record RuleOptions
{
    /// <summary>The defaults: 10,000 characters, 100 levels of nesting.</summary>
    public static RuleOptions Default { get; } = new();

    /// <summary>The longest rule text accepted, in characters.</summary>
    public int MaxLength { get; init; } = 10_000;

    /// <summary>
    /// The deepest nesting accepted: parentheses, chains of NOT and unary minus, and the depth of
    /// the syntax tree (so also very long arithmetic chains).
    /// </summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>
    /// The saved segments a rule may reference with <c>in_segment('name')</c> (v2); null, none are known and every
    /// reference is a diagnostic.
    /// </summary>
    public IReadOnlyCollection<string>? Segments { get; init; }

    /// <summary>
    /// The computed metrics a rule may name (v2): each name stands for its expression, checked where it is used. Null
    /// or empty, only the catalog's metrics are known.
    /// </summary>
    public IReadOnlyCollection<ComputedMetric>? ComputedMetrics { get; init; }
}
