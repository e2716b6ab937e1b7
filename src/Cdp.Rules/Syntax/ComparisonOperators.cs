namespace Cdp.Rules.Syntax;

/// <summary>Facts about comparison operators that every target needs.</summary>
public static class ComparisonOperators
{
    /// <summary>The operator that is TRUE exactly when this one is FALSE (on non-NULL operands): <c>&lt;</c> gives <c>&gt;=</c>.</summary>
    public static ComparisonOperator Opposite(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ComparisonOperator.NotEqual,
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        ComparisonOperator.Less => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.LessOrEqual => ComparisonOperator.Greater,
        ComparisonOperator.Greater => ComparisonOperator.LessOrEqual,
        _ => ComparisonOperator.Less,
    };

    /// <summary>The operator with its operands swapped: <c>a &lt; b</c> is <c>b &gt; a</c>.</summary>
    public static ComparisonOperator Mirror(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => ComparisonOperator.Greater,
        ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.Greater => ComparisonOperator.Less,
        ComparisonOperator.GreaterOrEqual => ComparisonOperator.LessOrEqual,
        _ => op,
    };

    /// <summary>The operator as the language writes it: <c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>.</summary>
    public static string Symbol(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    /// <summary>The expression tree node type of the operator, for LINQ targets.</summary>
    public static System.Linq.Expressions.ExpressionType ToExpressionType(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => System.Linq.Expressions.ExpressionType.Equal,
        ComparisonOperator.NotEqual => System.Linq.Expressions.ExpressionType.NotEqual,
        ComparisonOperator.Less => System.Linq.Expressions.ExpressionType.LessThan,
        ComparisonOperator.LessOrEqual => System.Linq.Expressions.ExpressionType.LessThanOrEqual,
        ComparisonOperator.Greater => System.Linq.Expressions.ExpressionType.GreaterThan,
        _ => System.Linq.Expressions.ExpressionType.GreaterThanOrEqual,
    };

    /// <summary>Whether the operator holds for two values whose order is <paramref name="order"/> (a CompareTo result).</summary>
    public static bool Holds(this ComparisonOperator op, int order) => op switch
    {
        ComparisonOperator.Equal => order == 0,
        ComparisonOperator.NotEqual => order != 0,
        ComparisonOperator.Less => order < 0,
        ComparisonOperator.LessOrEqual => order <= 0,
        ComparisonOperator.Greater => order > 0,
        _ => order >= 0,
    };
}
