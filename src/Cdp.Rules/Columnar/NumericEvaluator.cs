using Cdp.Rules.Checking;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>
/// Numeric sub-rules a whole column at a time: metrics, literals, <c>+ - *</c>, number division, unary minus,
/// <c>coalesce</c> and <c>abs</c>, and comparisons of two such expressions, with the reference's types and
/// exactness (int checked, money as scaled integers, number in IEEE doubles compared by CompareTo). Anything
/// else, or any overflow, answers null and the caller evaluates that sub-rule row by row, as exactly.
/// </summary>
internal sealed class NumericEvaluator(Rule rule, ColumnTable table, ulong[] all, int parallelism)
{
    private readonly int _rows = table.RowCount;
    private readonly VectorArrays _arrays = new(table.RowCount, parallelism);

    /// <summary>The (TRUE, FALSE) bitmaps of a numeric comparison, or null; the intermediate vectors go back to the pool.</summary>
    public (ulong[] IsTrue, ulong[] IsFalse)? Compare(ComparisonNode node)
    {
        using (_arrays)
        {
            return Comparison(node);
        }
    }

    private (ulong[] IsTrue, ulong[] IsFalse)? Comparison(ComparisonNode node)
    {
        var domain = TypeRules.ComparisonDomain(rule.TypeOf(node.Left), rule.TypeOf(node.Right));
        if (domain is not (MetricType.Int or MetricType.Number or MetricType.Money) || Vector(node.Left) is not { } left || Vector(node.Right) is not { } right)
        {
            return null;
        }

        var scale = Math.Max(left.Scale, right.Scale);
        if (left.As(domain.Value, scale, _arrays) is not { } l || right.As(domain.Value, scale, _arrays) is not { } r)
        {
            return null;
        }

        var valid = Bitmap.And(l.Valid, r.Valid);
        var matches = new ulong[valid.Length];
        // Which signs of the order hold (less, equal, greater), as bits: no branch on the operator inside the loop.
        ReadOnlySpan<ulong> holds = [node.Operator.Holds(-1) ? 1UL : 0, node.Operator.Holds(0) ? 1UL : 0, node.Operator.Holds(1) ? 1UL : 0];
        var (lt, eq, gt) = (holds[0], holds[1], holds[2]);
        if (domain == MetricType.Number)
        {
            var (a, b, aConstant, bConstant) = (l.Doubles!, r.Doubles!, l.IsConstant, r.IsConstant);
            RowRanges.For(_rows, parallelism, (from, to) => CompareNumbers(a, aConstant, b, bConstant, (lt, eq, gt), matches, from, to));
        }
        else
        {
            var (a, b, aConstant, bConstant) = (l.Longs!, r.Longs!, l.IsConstant, r.IsConstant);
            RowRanges.For(_rows, parallelism, (from, to) => CompareLongs(a, aConstant, b, bConstant, (lt, eq, gt), matches, from, to));
        }

        return (Bitmap.And(valid, matches), Bitmap.AndNot(valid, matches));
    }

    private NumericVector? Vector(RuleNode node) => node switch
    {
        MetricNode metric => table.Column(metric.Name) switch
        {
            Int64Column c => NumericVector.Int(c.Values, c.Valid),
            Int32Column c => NumericVector.Int(Widen(c.Values), c.Valid),
            ScaledDecimal32Column c => NumericVector.Money(Widen(c.Values), c.Scale, c.Valid),
            DoubleColumn c => NumericVector.Number(c.Values, c.Valid),
            ScaledDecimalColumn c => NumericVector.Money(c.Values, c.Scale, c.Valid),
            _ => null,
        },
        LiteralNode { Value: { } value } => NumericVector.Constant(value, all),
        ArithmeticNode arithmetic => Arithmetic(arithmetic),
        NegateNode negate => Vector(negate.Operand) is { } operand ? Map(operand, rule.TypeOf(negate), v => checked(-v), v => -v) : null,
        FunctionNode { Name: Functions.Abs, Arguments: [var argument] } abs =>
            Vector(argument) is { } operand ? Map(operand, rule.TypeOf(abs), v => checked(Math.Abs(v)), Math.Abs) : null,
        FunctionNode { Name: Functions.Coalesce } coalesce => Coalesce(coalesce),
        _ => null,
    };

    /// <summary>A narrowed column's values as int64, in a rented array.</summary>
    private long[] Widen(int[] values)
    {
        var longs = _arrays.Longs();
        RowRanges.For(_rows, parallelism, (from, to) =>
        {
            var source = values.AsSpan(from, to - from);
            var target = longs.AsSpan(from, to - from);
            for (var i = 0; i < source.Length && i < target.Length; i++)
            {
                target[i] = source[i];
            }
        });
        return longs;
    }

    private NumericVector? Arithmetic(ArithmeticNode node)
    {
        var type = rule.TypeOf(node);
        if (type is not (MetricType.Int or MetricType.Number or MetricType.Money) || Vector(node.Left) is not { } left || Vector(node.Right) is not { } right)
        {
            return null;
        }

        if (type == MetricType.Number)
        {
            if (left.As(MetricType.Number, 0, _arrays) is not { } l || right.As(MetricType.Number, 0, _arrays) is not { } r)
            {
                return null;
            }

            var valid = Bitmap.And(l.Valid, r.Valid);
            var result = _arrays.Doubles();
            var (a, b, aConstant, bConstant) = (l.Doubles!, r.Doubles!, l.IsConstant, r.IsConstant);
            var op = node.Operator;
            RowRanges.For(_rows, parallelism, (from, to) => Numbers(op, a, aConstant, b, bConstant, result, valid, from, to));

            return NumericVector.Number(result, valid);
        }

        if (node.Operator == ArithmeticOperator.Divide)
        {
            return null; // money quotients round to 6 places: row by row
        }

        // Int, or money as scaled integers: + and - at the larger scale, * at the sum of the scales.
        var scale = type == MetricType.Money ? node.Operator == ArithmeticOperator.Multiply ? left.Scale + right.Scale : Math.Max(left.Scale, right.Scale) : 0;
        var (x, y) = node.Operator == ArithmeticOperator.Multiply || type == MetricType.Int
            ? (left.As(type, left.Scale, _arrays), right.As(type, right.Scale, _arrays))
            : (left.As(type, scale, _arrays), right.As(type, scale, _arrays));
        if (x is null || y is null || scale > 18)
        {
            return null;
        }

        var values = _arrays.Longs();
        var (p, q, pConstant, qConstant) = (x.Longs!, y.Longs!, x.IsConstant, y.IsConstant);
        var integer = node.Operator;
        try
        {
            RowRanges.For(_rows, parallelism, (from, to) => Integers(integer, p, pConstant, q, qConstant, values, from, to));
        }
        catch (OverflowException)
        {
            return null; // the row fallback decides: an error on a real row, as the reference raises
        }

        var both = Bitmap.And(x.Valid, y.Valid);
        return type == MetricType.Int ? NumericVector.Int(values, both) : NumericVector.Money(values, scale, both);
    }

    // The loops are static methods over locals and spans (the JIT keeps them in registers and drops bounds checks), and a
    // comparison fills a word of 64 rows in a register and stores it once.

    /// <summary>The order of two numbers (CompareTo, as the reference orders them) for rows [from, to), 64-row words.</summary>
    private static void CompareNumbers(double[] a, bool aConstant, double[] b, bool bConstant, (ulong Lt, ulong Eq, ulong Gt) holds, ulong[] matches, int from, int to)
    {
        for (var start = from; start < to; start += 64)
        {
            var count = Math.Min(64, to - start);
            var left = aConstant ? default : a.AsSpan(start, count);
            var right = bConstant ? default : b.AsSpan(start, count);
            var (x, y) = (aConstant ? a[0] : 0, bConstant ? b[0] : 0);
            ulong bits = 0;
            for (var k = 0; k < count; k++)
            {
                var order = (aConstant ? x : left[k]).CompareTo(bConstant ? y : right[k]);
                bits |= (order < 0 ? holds.Lt : order == 0 ? holds.Eq : holds.Gt) << k;
            }

            matches[start >> 6] = bits;
        }
    }

    /// <summary>The order of two int or money vectors for rows [from, to), 64-row words.</summary>
    private static void CompareLongs(long[] a, bool aConstant, long[] b, bool bConstant, (ulong Lt, ulong Eq, ulong Gt) holds, ulong[] matches, int from, int to)
    {
        for (var start = from; start < to; start += 64)
        {
            var count = Math.Min(64, to - start);
            ulong bits = 0;
            if (!aConstant && !bConstant)
            {
                var left = a.AsSpan(start, count);
                var right = b.AsSpan(start, count);
                for (var k = 0; k < left.Length && k < right.Length; k++)
                {
                    var (u, v) = (left[k], right[k]);
                    bits |= (u < v ? holds.Lt : u == v ? holds.Eq : holds.Gt) << k;
                }
            }
            else
            {
                for (var k = 0; k < count; k++)
                {
                    var (u, v) = (aConstant ? a[0] : a[start + k], bConstant ? b[0] : b[start + k]);
                    bits |= (u < v ? holds.Lt : u == v ? holds.Eq : holds.Gt) << k;
                }
            }

            matches[start >> 6] = bits;
        }
    }

    /// <summary>Number + - * / for rows [from, to); x / 0 clears the row's valid bit (RuleSemantics.DivideNumber: NULL).</summary>
    private static void Numbers(ArithmeticOperator op, double[] a, bool aConstant, double[] b, bool bConstant, double[] values, ulong[] valid, int from, int to)
    {
        var result = values.AsSpan(from, to - from);
        if (!aConstant && !bConstant && op != ArithmeticOperator.Divide)
        {
            var left = a.AsSpan(from, result.Length);
            var right = b.AsSpan(from, result.Length);
            switch (op)
            {
                case ArithmeticOperator.Add:
                    for (var i = 0; i < result.Length; i++)
                    {
                        result[i] = left[i] + right[i];
                    }

                    break;
                case ArithmeticOperator.Subtract:
                    for (var i = 0; i < result.Length; i++)
                    {
                        result[i] = left[i] - right[i];
                    }

                    break;
                default:
                    for (var i = 0; i < result.Length; i++)
                    {
                        result[i] = left[i] * right[i];
                    }

                    break;
            }

            return;
        }

        for (var i = 0; i < result.Length; i++)
        {
            var row = from + i;
            var (first, second) = (aConstant ? a[0] : a[row], bConstant ? b[0] : b[row]);
            switch (op)
            {
                case ArithmeticOperator.Add: result[i] = first + second; break;
                case ArithmeticOperator.Subtract: result[i] = first - second; break;
                case ArithmeticOperator.Multiply: result[i] = first * second; break;
                default:
                    if (second == 0d)
                    {
                        valid[row >> 6] &= ~(1UL << (row & 63));
                    }
                    else
                    {
                        result[i] = first / second;
                    }

                    break;
            }
        }
    }

    /// <summary>Checked int or scaled-money + - * for rows [from, to); an overflow throws.</summary>
    private static void Integers(ArithmeticOperator op, long[] p, bool pConstant, long[] q, bool qConstant, long[] values, int from, int to)
    {
        var result = values.AsSpan(from, to - from);
        if (!pConstant && !qConstant)
        {
            var left = p.AsSpan(from, result.Length);
            var right = q.AsSpan(from, result.Length);
            switch (op)
            {
                case ArithmeticOperator.Add:
                    for (var i = 0; i < result.Length; i++)
                    {
                        result[i] = checked(left[i] + right[i]);
                    }

                    break;
                case ArithmeticOperator.Subtract:
                    for (var i = 0; i < result.Length; i++)
                    {
                        result[i] = checked(left[i] - right[i]);
                    }

                    break;
                default:
                    for (var i = 0; i < result.Length; i++)
                    {
                        result[i] = checked(left[i] * right[i]);
                    }

                    break;
            }

            return;
        }

        // One side (or both) a literal.
        for (var i = 0; i < result.Length; i++)
        {
            var (u, v) = (pConstant ? p[0] : p[from + i], qConstant ? q[0] : q[from + i]);
            result[i] = op switch
            {
                ArithmeticOperator.Add => checked(u + v),
                ArithmeticOperator.Subtract => checked(u - v),
                _ => checked(u * v),
            };
        }
    }

    private NumericVector? Map(NumericVector operand, MetricType type, Func<long, long> integer, Func<double, double> number)
    {
        if (operand.Type != type || type is not (MetricType.Int or MetricType.Number or MetricType.Money))
        {
            return null;
        }

        var rows = operand.IsConstant ? 1 : _rows;
        try
        {
            if (type == MetricType.Number)
            {
                var doubles = operand.IsConstant ? new double[1] : _arrays.Doubles();
                for (var i = 0; i < rows; i++)
                {
                    doubles[i] = number(operand.Doubles![i]);
                }

                return operand.With(doubles);
            }

            var longs = operand.IsConstant ? new long[1] : _arrays.Longs();
            for (var i = 0; i < rows; i++)
            {
                longs[i] = integer(operand.Longs![i]);
            }

            return operand.With(longs);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private NumericVector? Coalesce(FunctionNode node)
    {
        var type = rule.TypeOf(node);
        var arguments = node.Arguments.Select(Vector).ToList();
        if (type is not (MetricType.Int or MetricType.Number or MetricType.Money) || arguments.Any(a => a is null))
        {
            return null;
        }

        var scale = arguments.Max(a => a!.Scale);
        var converted = arguments.Select(a => a!.As(type, scale, _arrays)).ToList();
        if (converted.Any(c => c is null))
        {
            return null;
        }

        if (converted.All(c => c!.IsConstant))
        {
            return converted[0]; // a literal is never NULL: coalesce of literals is the first
        }

        var valid = new ulong[all.Length];
        var longs = type == MetricType.Number ? null : _arrays.Longs();
        var doubles = type == MetricType.Number ? _arrays.Doubles() : null;
        var sources = converted.Select(c => c!).ToArray();
        RowRanges.For(_rows, parallelism, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var bit = 1UL << (i & 63);
                if (doubles is not null)
                {
                    doubles[i] = 0; // rented arrays hold old values: a NULL row reads 0, never garbage
                }
                else
                {
                    longs![i] = 0;
                }

                foreach (var argument in sources)
                {
                    if ((argument.Valid[i >> 6] & bit) != 0)
                    {
                        valid[i >> 6] |= bit;
                        if (doubles is not null)
                        {
                            doubles[i] = argument.Doubles![argument.At(i)];
                        }
                        else
                        {
                            longs![i] = argument.Longs![argument.At(i)];
                        }

                        break;
                    }
                }
            }
        });

        return type switch
        {
            MetricType.Number => NumericVector.Number(doubles!, valid),
            MetricType.Int => NumericVector.Int(longs!, valid),
            _ => NumericVector.Money(longs!, scale, valid),
        };
    }
}
