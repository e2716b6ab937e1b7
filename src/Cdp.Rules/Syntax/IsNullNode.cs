namespace Cdp.Rules.Syntax;

/// <summary><c>x IS [NOT] NULL</c>: never UNKNOWN.</summary>
public sealed class IsNullNode : RuleNode
{
    /// <summary>Creates a null test.</summary>
    public IsNullNode(TextSpan span, RuleNode operand, bool negated) : base(span)
    {
        Operand = operand;
        Negated = negated;
    }

    /// <summary>The tested value.</summary>
    public RuleNode Operand { get; }
    /// <summary>True for IS NOT NULL.</summary>
    public bool Negated { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitIsNull(this);
}
