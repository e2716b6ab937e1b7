using Cdp.Rules.Syntax;

namespace Cdp.Rules.Checking;

/// <summary>
/// The typing rules of docs/rule-language.md in one place, shared by the checker, the evaluators and
/// every compile target, so that promotion is decided once.
/// </summary>
public static class TypeRules
{
    /// <summary>int with money is money; anything numeric with number is number.</summary>
    public static MetricType Promote(MetricType left, MetricType right) =>
        left == MetricType.Number || right == MetricType.Number ? MetricType.Number
        : left == MetricType.Money || right == MetricType.Money ? MetricType.Money
        : MetricType.Int;

    /// <summary>The result type of an arithmetic operator, or null when the operands do not fit it.</summary>
    public static MetricType? Arithmetic(ArithmeticOperator op, MetricType left, MetricType right)
    {
        if (left.IsNumeric() && right.IsNumeric())
        {
            return op == ArithmeticOperator.Divide && left == MetricType.Int && right == MetricType.Int
                ? MetricType.Number
                : Promote(left, right);
        }

        return op switch
        {
            ArithmeticOperator.Add when left.IsTemporal() && right == MetricType.Duration => MetricType.Timestamp,
            ArithmeticOperator.Add when left == MetricType.Duration && right.IsTemporal() => MetricType.Timestamp,
            ArithmeticOperator.Subtract when left.IsTemporal() && right == MetricType.Duration => MetricType.Timestamp,
            ArithmeticOperator.Subtract when left.IsTemporal() && right.IsTemporal() => MetricType.Duration,
            ArithmeticOperator.Add or ArithmeticOperator.Subtract when left == MetricType.Duration && right == MetricType.Duration => MetricType.Duration,
            _ => null,
        };
    }

    /// <summary>The common type two compared values are converted to, or null when they cannot be compared.</summary>
    public static MetricType? ComparisonDomain(MetricType left, MetricType right)
    {
        if (left.IsNumeric() && right.IsNumeric())
        {
            return Promote(left, right);
        }

        if (left.IsTemporal() && right.IsTemporal())
        {
            return left == right ? left : MetricType.Timestamp;
        }

        return left == right && left != MetricType.TextList ? left : null;
    }

    /// <summary>True when values of the domain have an order (everything but bool).</summary>
    public static bool IsOrdered(MetricType domain) => domain != MetricType.Bool;

    /// <summary>The type of <c>coalesce</c> over arguments of these types, or null when they do not share one.</summary>
    public static MetricType? Common(MetricType left, MetricType right) =>
        left == right ? left
        : left.IsNumeric() && right.IsNumeric() ? Promote(left, right)
        : left.IsTemporal() && right.IsTemporal() ? MetricType.Timestamp
        : null;
}
