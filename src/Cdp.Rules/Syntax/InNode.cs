namespace Cdp.Rules.Syntax;

/// <summary><c>x [NOT] IN (v1, v2, ...)</c> over literal values.</summary>
public sealed class InNode : RuleNode
{
    /// <summary>Creates a membership test.</summary>
    public InNode(TextSpan span, RuleNode operand, IReadOnlyList<LiteralNode> items, bool negated) : base(span)
    {
        Operand = operand;
        Items = items;
        Negated = negated;
    }

    /// <summary>The tested value.</summary>
    public RuleNode Operand { get; }
    /// <summary>The listed values.</summary>
    public IReadOnlyList<LiteralNode> Items { get; }
    /// <summary>True for NOT IN.</summary>
    public bool Negated { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitIn(this);
}
