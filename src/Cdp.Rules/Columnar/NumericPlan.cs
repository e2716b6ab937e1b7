using Cdp.Rules.Checking;
using Cdp.Rules.Runtime;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>
/// Plans a comparison of numeric expressions (metrics, v2 aggregates whose column the last run computed, literals, <c>+ - *</c>, number division, unary minus,
/// <c>coalesce</c> and <c>abs</c>) as a <see cref="NumericCompareBlock{T}"/>, with the reference's types and
/// exactness: int checked, money as scaled integers, number in IEEE doubles compared by CompareTo. Anything else
/// (money division, which rounds to 6 places; a conversion that cannot be exact; a literal that overflows when
/// converted) has no plan, and the caller evaluates that sub-rule row by row, as exactly.
/// </summary>
internal sealed class NumericPlan(Rule rule, ColumnTable table)
{
    private static readonly long[] LongPowersOfTen = [.. Enumerable.Range(0, 19).Select(p => (long)Math.Pow(10, p))];

    /// <summary>The comparison as a block, or null when it has no plan.</summary>
    public Block? Comparison(ComparisonNode node, Lazy<RowTest> fallback)
    {
        var domain = TypeRules.ComparisonDomain(rule.TypeOf(node.Left), rule.TypeOf(node.Right));
        if (domain is not (MetricType.Int or MetricType.Number or MetricType.Money) || Operand(node.Left) is not { } left || Operand(node.Right) is not { } right)
        {
            return null;
        }

        var scale = Math.Max(left.Scale, right.Scale);
        return (As(left, domain.Value, scale), As(right, domain.Value, scale)) switch
        {
            (NumericOperand<double> l, NumericOperand<double> r) => new NumericCompareBlock<double>(l, r, node.Operator, table.RowCount, fallback),
            (NumericOperand<long> l, NumericOperand<long> r) => new NumericCompareBlock<long>(l, r, node.Operator, table.RowCount, fallback),
            _ => null,
        };
    }

    private NumericOperand? Operand(RuleNode node) => node switch
    {
        MetricNode or AggregateNode => ColumnarEvaluator.ColumnOf(rule, table, node) switch
        {
            Int64Column c => new ColumnOperand<long>(MetricType.Int, 0, c.Values, c.Valid),
            Int32Column c => new NarrowColumnOperand(MetricType.Int, 0, c.Values, c.Valid),
            ScaledDecimalColumn c => new ColumnOperand<long>(MetricType.Money, c.Scale, c.Values, c.Valid),
            ScaledDecimal32Column c => new NarrowColumnOperand(MetricType.Money, c.Scale, c.Values, c.Valid),
            DoubleColumn c => new ColumnOperand<double>(MetricType.Number, 0, c.Values, c.Valid),
            _ => null,
        },
        LiteralNode { Value: { } value } => Constant(value),
        ArithmeticNode arithmetic => Arithmetic(arithmetic),
        NegateNode negate => Sign(negate.Operand, rule.TypeOf(negate), absolute: false),
        FunctionNode { Name: Functions.Abs, Arguments: [var argument] } abs => Sign(argument, rule.TypeOf(abs), absolute: true),
        FunctionNode { Name: Functions.Coalesce } coalesce => Coalesce(coalesce),
        _ => null,
    };

    /// <summary>A literal, or null when it does not fit exactly (money beyond 18 places or int64).</summary>
    private static NumericOperand? Constant(object value) => value switch
    {
        long l => new ConstantOperand<long>(MetricType.Int, 0, l),
        decimal d when d.Scale <= 18 && decimal.Truncate(d * LongPowersOfTen[d.Scale]) is var m && Math.Abs(m) < long.MaxValue
            => new ConstantOperand<long>(MetricType.Money, d.Scale, decimal.ToInt64(m)),
        double n => new ConstantOperand<double>(MetricType.Number, 0, n),
        _ => null,
    };

    private NumericOperand? Arithmetic(ArithmeticNode node)
    {
        var type = rule.TypeOf(node);
        if (type is not (MetricType.Int or MetricType.Number or MetricType.Money) || Operand(node.Left) is not { } left || Operand(node.Right) is not { } right)
        {
            return null;
        }

        if (type == MetricType.Number)
        {
            return (As(left, MetricType.Number, 0), As(right, MetricType.Number, 0)) is (NumericOperand<double> l, NumericOperand<double> r)
                ? new ArithmeticOperand<double>(MetricType.Number, 0, node.Operator, l, r)
                : null;
        }

        if (node.Operator == ArithmeticOperator.Divide)
        {
            return null; // money quotients round to 6 places, int quotients have their own rules: row by row
        }

        // Int, or money as scaled integers: + and - at the larger scale, * at the sum of the scales.
        var multiply = node.Operator == ArithmeticOperator.Multiply;
        var scale = type == MetricType.Money ? multiply ? left.Scale + right.Scale : Math.Max(left.Scale, right.Scale) : 0;
        var (x, y) = multiply || type == MetricType.Int
            ? (As(left, type, left.Scale), As(right, type, right.Scale))
            : (As(left, type, scale), As(right, type, scale));
        return x is NumericOperand<long> p && y is NumericOperand<long> q && scale <= 18
            ? new ArithmeticOperand<long>(type, scale, node.Operator, p, q)
            : null;
    }

    private NumericOperand? Sign(RuleNode operandNode, MetricType? type, bool absolute)
    {
        var operand = Operand(operandNode);
        if (operand is null || operand.Type != type)
        {
            return null;
        }

        try
        {
            return operand switch
            {
                ConstantOperand<long> c => new ConstantOperand<long>(c.Type, c.Scale, absolute ? Math.Abs(c.Value) : checked(-c.Value)),
                NumericOperand<long> o => new SignOperand<long>(o.Type, o.Scale, absolute, o),
                NumericOperand<double> o => new SignOperand<double>(o.Type, o.Scale, absolute, o),
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null; // a literal whose negation does not fit: row by row, which raises as the reference does
        }
    }

    private NumericOperand? Coalesce(FunctionNode node)
    {
        var type = rule.TypeOf(node);
        var arguments = node.Arguments.Select(Operand).ToList();
        if (type is not (MetricType.Int or MetricType.Number or MetricType.Money) || arguments.Any(a => a is null))
        {
            return null;
        }

        var scale = arguments.Max(a => a!.Scale);
        var converted = new List<NumericOperand>();
        foreach (var argument in arguments)
        {
            if (As(argument!, type, scale) is not { } operand)
            {
                return null;
            }

            converted.Add(operand);
            if (operand is ConstantOperand<long> or ConstantOperand<double>)
            {
                break; // a literal is never NULL: the arguments after it are never reached
            }
        }

        return converted switch
        {
            [var only] => only,
            _ when type == MetricType.Number => new CoalesceOperand<double>(type, scale, [.. converted.Cast<NumericOperand<double>>()]),
            _ => new CoalesceOperand<long>(type, scale, [.. converted.Cast<NumericOperand<long>>()]),
        };
    }

    /// <summary>An operand as the type <paramref name="target"/> (int to money or number, money to number), or null when that cannot be exact.</summary>
    private static NumericOperand? As(NumericOperand operand, MetricType target, int scale)
    {
        if (operand.Type == target && (target != MetricType.Money || operand.Scale == scale))
        {
            return operand;
        }

        if (operand is not NumericOperand<long> integer)
        {
            return null; // a number never becomes int or money
        }

        try
        {
            return target switch
            {
                MetricType.Number when integer is ConstantOperand<long> c =>
                    new ConstantOperand<double>(MetricType.Number, 0, c.Type == MetricType.Money ? RuleSemantics.ScaledMoneyToNumber(c.Value, c.Scale) : c.Value),
                MetricType.Number => new ToNumberOperand(integer),
                MetricType.Money when scale >= integer.Scale && scale - integer.Scale < LongPowersOfTen.Length => integer is ConstantOperand<long> c
                    ? new ConstantOperand<long>(MetricType.Money, scale, checked(c.Value * LongPowersOfTen[scale - c.Scale]))
                    : new RescaleOperand(scale, LongPowersOfTen[scale - integer.Scale], integer),
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
