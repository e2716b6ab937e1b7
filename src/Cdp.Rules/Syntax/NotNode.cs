namespace Cdp.Rules.Syntax;

/// <summary>NOT (NOT UNKNOWN is UNKNOWN).</summary>
public sealed class NotNode : RuleNode
{
    /// <summary>Creates a negation.</summary>
    public NotNode(TextSpan span, RuleNode operand) : base(span) => Operand = operand;

    /// <summary>The negated predicate.</summary>
    public RuleNode Operand { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitNot(this);
}
