namespace Cdp.Rules.Syntax;

/// <summary><c>x [NOT] BETWEEN low AND high</c>, bounds included.</summary>
public sealed class BetweenNode : RuleNode
{
    /// <summary>Creates a range test.</summary>
    public BetweenNode(TextSpan span, RuleNode operand, RuleNode low, RuleNode high, bool negated) : base(span)
    {
        Operand = operand;
        Low = low;
        High = high;
        Negated = negated;
    }

    /// <summary>The tested value.</summary>
    public RuleNode Operand { get; }
    /// <summary>The lower bound, included.</summary>
    public RuleNode Low { get; }
    /// <summary>The upper bound, included.</summary>
    public RuleNode High { get; }
    /// <summary>True for NOT BETWEEN.</summary>
    public bool Negated { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitBetween(this);
}
