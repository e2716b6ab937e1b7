using System.Numerics;
using Cdp.Rules.Syntax;
using System.Runtime.CompilerServices;

namespace Cdp.Rules.Columnar;

/// <summary>
/// <c>+ - *</c> of two operands of one type, and <c>/</c> of numbers: int and money checked (an overflow throws), a
/// number divided by zero NULL (RuleSemantics.DivideNumber). Money operands arrive at the scales the plan chose: the
/// larger for + and -, and the product's scale is the sum of theirs.
/// </summary>
internal sealed class ArithmeticOperand<T>(MetricType type, int scale, ArithmeticOperator op, NumericOperand<T> left, NumericOperand<T> right)
    : NumericOperand<T>(type, scale)
    where T : unmanaged, INumber<T>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ulong Fill(int first, Span<T> values)
    {
        Span<T> other = stackalloc T[values.Length];
        var valid = left.Fill(first, values) & right.Fill(first, other);
        switch (op)
        {
            case ArithmeticOperator.Add:
                NumericLanes.Add(values, other);
                break;
            case ArithmeticOperator.Subtract:
                NumericLanes.Subtract(values, other);
                break;
            case ArithmeticOperator.Multiply:
                NumericLanes.Multiply(values, other);
                break;
            default:
                for (var k = 0; k < values.Length && k < other.Length; k++)
                {
                    if (T.IsZero(other[k]))
                    {
                        valid &= ~(1UL << k);
                        values[k] = T.Zero;
                    }
                    else
                    {
                        values[k] /= other[k];
                    }
                }

                break;
        }

        return valid;
    }

    public override string ToString() => $"({left} {op.Symbol()} {right})";
}

/// <summary>Unary minus and <c>abs</c>, checked for int and money (the negation of the smallest int64 overflows).</summary>
internal sealed class SignOperand<T>(MetricType type, int scale, bool absolute, NumericOperand<T> operand) : NumericOperand<T>(type, scale)
    where T : unmanaged, INumber<T>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ulong Fill(int first, Span<T> values)
    {
        var valid = operand.Fill(first, values);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = absolute ? T.Abs(values[k]) : checked(-values[k]);
        }

        return valid;
    }

    public override string ToString() => absolute ? $"abs({operand})" : $"-{operand}";
}

/// <summary><c>coalesce(a, b, ...)</c>: on each row the first argument that is not NULL; NULL when all are.</summary>
internal sealed class CoalesceOperand<T>(MetricType type, int scale, NumericOperand<T>[] arguments) : NumericOperand<T>(type, scale)
    where T : unmanaged, INumber<T>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ulong Fill(int first, Span<T> values)
    {
        // The last argument first, then each earlier one over the rows where it is not NULL.
        var valid = arguments[^1].Fill(first, values);
        Span<T> other = stackalloc T[values.Length];
        for (var a = arguments.Length - 2; a >= 0; a--)
        {
            var present = arguments[a].Fill(first, other);
            NumericLanes.Select(values, other, present);
            valid |= present;
        }

        return valid;
    }

    public override string ToString() => $"coalesce({string.Join(", ", arguments.Select(a => a.ToString()))})";
}
