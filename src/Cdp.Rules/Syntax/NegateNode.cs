namespace Cdp.Rules.Syntax;

/// <summary>Unary minus.</summary>
public sealed class NegateNode : RuleNode
{
    /// <summary>Creates a negation.</summary>
    public NegateNode(TextSpan span, RuleNode operand) : base(span) => Operand = operand;

    /// <summary>The negated value.</summary>
    public RuleNode Operand { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitNegate(this);
}
