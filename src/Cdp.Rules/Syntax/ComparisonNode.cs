namespace Cdp.Rules.Syntax;

/// <summary>A comparison operator; <c>&lt;&gt;</c> is read as <see cref="NotEqual"/>.</summary>
public enum ComparisonOperator
{
    /// <summary>=</summary>
    Equal,
    /// <summary>!= or &lt;&gt;</summary>
    NotEqual,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}

/// <summary>A comparison of two values.</summary>
public sealed class ComparisonNode : RuleNode
{
    /// <summary>Creates a comparison.</summary>
    public ComparisonNode(TextSpan span, ComparisonOperator op, RuleNode left, RuleNode right) : base(span)
    {
        Operator = op;
        Left = left;
        Right = right;
    }

    /// <summary>The operator.</summary>
    public ComparisonOperator Operator { get; }
    /// <summary>The left operand.</summary>
    public RuleNode Left { get; }
    /// <summary>The right operand.</summary>
    public RuleNode Right { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitComparison(this);
}
