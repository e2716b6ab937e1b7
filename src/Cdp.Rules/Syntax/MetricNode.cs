namespace Cdp.Rules.Syntax;

/// <summary>A reference to a metric of the catalog, by name.</summary>
public sealed class MetricNode : RuleNode
{
    /// <summary>Creates a metric reference.</summary>
    public MetricNode(TextSpan span, string name) : base(span) => Name = name;

    /// <summary>The name as written, or the catalog's spelling once the rule is checked.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitMetric(this);
}
