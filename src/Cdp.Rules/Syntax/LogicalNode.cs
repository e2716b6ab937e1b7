namespace Cdp.Rules.Syntax;

/// <summary>AND or OR.</summary>
public enum LogicalOperator
{
    /// <summary>AND (Kleene: FALSE AND UNKNOWN is FALSE)</summary>
    And,
    /// <summary>OR (Kleene: TRUE OR UNKNOWN is TRUE)</summary>
    Or,
}

/// <summary>
/// A chain of two or more operands joined by the same operator at one level of parentheses.
/// <c>a AND b AND c</c> is one node; <c>a AND (b AND c)</c> keeps the written parentheses as a nested node.
/// </summary>
public sealed class LogicalNode : RuleNode
{
    /// <summary>Creates a chain.</summary>
    public LogicalNode(TextSpan span, LogicalOperator op, IReadOnlyList<RuleNode> operands) : base(span)
    {
        if (operands.Count < 2)
        {
            throw new ArgumentException("A logical chain needs at least two operands.", nameof(operands));
        }

        Operator = op;
        Operands = operands;
    }

    /// <summary>The operator.</summary>
    public LogicalOperator Operator { get; }

    /// <summary>The operands, in the order written.</summary>
    public IReadOnlyList<RuleNode> Operands { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitLogical(this);
}
