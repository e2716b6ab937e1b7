namespace Cdp.Rules.Syntax;

/// <summary><c>list [NOT] HAS value</c> on a text-list metric.</summary>
public sealed class HasNode : RuleNode
{
    /// <summary>Creates a list membership test.</summary>
    public HasNode(TextSpan span, RuleNode operand, LiteralNode item, bool negated) : base(span)
    {
        Operand = operand;
        Item = item;
        Negated = negated;
    }

    /// <summary>The list.</summary>
    public RuleNode Operand { get; }
    /// <summary>The element looked for.</summary>
    public LiteralNode Item { get; }
    /// <summary>True for NOT HAS.</summary>
    public bool Negated { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitHas(this);
}
