namespace Cdp.Rules.Syntax;

/// <summary>An arithmetic operator.</summary>
public enum ArithmeticOperator
{
    /// <summary>+</summary>
    Add,
    /// <summary>-</summary>
    Subtract,
    /// <summary>*</summary>
    Multiply,
    /// <summary>/ (never truncates; division by zero gives NULL)</summary>
    Divide,
}

/// <summary>A binary arithmetic expression.</summary>
public sealed class ArithmeticNode : RuleNode
{
    /// <summary>Creates an arithmetic expression.</summary>
    public ArithmeticNode(TextSpan span, ArithmeticOperator op, RuleNode left, RuleNode right) : base(span)
    {
        Operator = op;
        Left = left;
        Right = right;
    }

    /// <summary>The operator.</summary>
    public ArithmeticOperator Operator { get; }
    /// <summary>The left operand.</summary>
    public RuleNode Left { get; }
    /// <summary>The right operand.</summary>
    public RuleNode Right { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitArithmetic(this);
}
