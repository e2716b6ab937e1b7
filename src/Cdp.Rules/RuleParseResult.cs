namespace Cdp.Rules;

/// <summary>The outcome of <see cref="Rule.Parse"/>: a rule, or the diagnostics that say why not.</summary>
public sealed class RuleParseResult
{
    internal RuleParseResult(Rule? rule, IReadOnlyList<Diagnostic> diagnostics)
    {
        Rule = rule;
        Diagnostics = diagnostics;
    }

    /// <summary>The checked rule, or null when there are diagnostics.</summary>
    public Rule? Rule { get; }

    /// <summary>Every mistake found, in source order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the rule parsed and checked.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Rule))]
    public bool Succeeded => Rule is not null;
}
