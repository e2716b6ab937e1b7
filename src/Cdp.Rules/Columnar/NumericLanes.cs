using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Cdp.Rules.Runtime;

namespace Cdp.Rules.Columnar;

/// <summary>
/// The inner loops of <see cref="NumericOperand{T}"/>s over one word's values, four lanes at a time with Vector256
/// where the machine has it, element by element otherwise and for the rows past the last full vector. Each gives
/// exactly the element-wise answer: the same IEEE operations, the same overflow (which throws), the same order.
/// </summary>
internal static class NumericLanes
{
    private static readonly Vector256<long> LaneBits = Vector256.Create(1L, 2L, 4L, 8L);

    private static bool Lanes<T>() where T : unmanaged => Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && Vector256<T>.Count == 4;

    /// <summary>
    /// The rows whose order (CompareTo: a NaN below every number and equal to itself) is one that holds: bit k set when
    /// a[k] is less than b[k] and <paramref name="less"/> is 1, equal and <paramref name="equal"/> is 1, greater and
    /// <paramref name="greater"/> is 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Order<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ulong less, ulong equal, ulong greater)
        where T : unmanaged, INumber<T>
    {
        var count = Math.Min(a.Length, b.Length);
        ulong bits = 0;
        var k = 0;
        if (Lanes<T>())
        {
            var (l, e, g) = (Vector256.Create(0UL - less).As<ulong, T>(), Vector256.Create(0UL - equal).As<ulong, T>(), Vector256.Create(0UL - greater).As<ulong, T>());
            for (; k + 4 <= count; k += 4)
            {
                var x = Vector256.Create(a.Slice(k, 4));
                var y = Vector256.Create(b.Slice(k, 4));
                var lt = Vector256.LessThan(x, y);
                var gt = Vector256.GreaterThan(x, y);
                if (typeof(T) == typeof(double))
                {
                    var (xNaN, yNaN) = (~Vector256.Equals(x, x), ~Vector256.Equals(y, y));
                    lt |= Vector256.AndNot(xNaN, yNaN);
                    gt |= Vector256.AndNot(yNaN, xNaN);
                }

                var eq = ~(lt | gt);
                bits |= (ulong)((lt & l) | (eq & e) | (gt & g)).ExtractMostSignificantBits() << k;
            }
        }

        for (; k < count; k++)
        {
            var order = a[k].CompareTo(b[k]);
            bits |= (order < 0 ? less : order == 0 ? equal : greater) << k;
        }

        return bits;
    }

    /// <summary>values[k] = other[k] where bit k of <paramref name="present"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Select<T>(Span<T> values, ReadOnlySpan<T> other, ulong present)
        where T : unmanaged, INumber<T>
    {
        var count = Math.Min(values.Length, other.Length);
        var k = 0;
        if (Lanes<T>())
        {
            for (; k + 4 <= count; k += 4)
            {
                var mask = Vector256.Equals(Vector256.Create((long)(present >> k)) & LaneBits, LaneBits).As<long, T>();
                Vector256.ConditionalSelect(mask, Vector256.Create(other.Slice(k, 4)), Vector256.Create(values.Slice(k, 4))).CopyTo(values.Slice(k, 4));
            }
        }

        for (; k < count; k++)
        {
            values[k] = ((present >> k) & 1) != 0 ? other[k] : values[k];
        }
    }

    /// <summary>values = values + other (checked for int64: an overflow in any row throws).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add<T>(Span<T> values, ReadOnlySpan<T> other)
        where T : unmanaged, INumber<T>
    {
        var count = Math.Min(values.Length, other.Length);
        var k = 0;
        if (Lanes<T>())
        {
            for (; k + 4 <= count; k += 4)
            {
                var (x, y) = (Vector256.Create(values.Slice(k, 4)), Vector256.Create(other.Slice(k, 4)));
                var sum = x + y;
                if (typeof(T) == typeof(long) && Vector256.LessThan((x ^ sum) & (y ^ sum), Vector256<T>.Zero) != Vector256<T>.Zero)
                {
                    break; // an overflow: the element-wise loop below throws on it
                }

                sum.CopyTo(values.Slice(k, 4));
            }
        }

        for (; k < count; k++)
        {
            values[k] = checked(values[k] + other[k]);
        }
    }

    /// <summary>values = values - other (checked for int64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Subtract<T>(Span<T> values, ReadOnlySpan<T> other)
        where T : unmanaged, INumber<T>
    {
        var count = Math.Min(values.Length, other.Length);
        var k = 0;
        if (Lanes<T>())
        {
            for (; k + 4 <= count; k += 4)
            {
                var (x, y) = (Vector256.Create(values.Slice(k, 4)), Vector256.Create(other.Slice(k, 4)));
                var difference = x - y;
                if (typeof(T) == typeof(long) && Vector256.LessThan((x ^ y) & (x ^ difference), Vector256<T>.Zero) != Vector256<T>.Zero)
                {
                    break;
                }

                difference.CopyTo(values.Slice(k, 4));
            }
        }

        for (; k < count; k++)
        {
            values[k] = checked(values[k] - other[k]);
        }
    }

    /// <summary>values = values * other: four lanes for doubles; int64 products element by element, checked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(Span<T> values, ReadOnlySpan<T> other)
        where T : unmanaged, INumber<T>
    {
        var count = Math.Min(values.Length, other.Length);
        var k = 0;
        if (typeof(T) == typeof(double) && Lanes<T>())
        {
            for (; k + 4 <= count; k += 4)
            {
                (Vector256.Create(values.Slice(k, 4)) * Vector256.Create(other.Slice(k, 4))).CopyTo(values.Slice(k, 4));
            }
        }

        for (; k < count; k++)
        {
            values[k] = checked(values[k] * other[k]);
        }
    }

    /// <summary>int32 values as int64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Widen(ReadOnlySpan<int> source, Span<long> values)
    {
        var count = Math.Min(source.Length, values.Length);
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 8 <= count; k += 8)
            {
                var (lower, upper) = Vector256.Widen(Vector256.Create(source.Slice(k, 8)));
                lower.CopyTo(values.Slice(k, 4));
                upper.CopyTo(values.Slice(k + 4, 4));
            }
        }

        for (; k < count; k++)
        {
            values[k] = source[k];
        }
    }

    /// <summary>
    /// Int (<paramref name="places"/> 0) or scaled money as numbers, as <see cref="RuleSemantics.ScaledMoneyToNumber"/>
    /// converts them: below 2^53 in magnitude the value and 10^places are exact doubles and one division rounds it
    /// correctly, which four lanes do alike; any other value element by element.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToNumbers(ReadOnlySpan<long> source, Span<double> values, int places)
    {
        var count = Math.Min(source.Length, values.Length);
        var k = 0;
        if (Vector256.IsHardwareAccelerated && places < RuleSemantics.ExactPowersOfTen.Length)
        {
            var divisor = Vector256.Create(RuleSemantics.ExactPowersOfTen[places]);
            var (low, high) = (Vector256.Create(-(1L << 53)), Vector256.Create(1L << 53));
            for (; k + 4 <= count; k += 4)
            {
                var units = Vector256.Create(source.Slice(k, 4));
                if (!Vector256.GreaterThanAll(units, low) || !Vector256.LessThanAll(units, high))
                {
                    break;
                }

                (Vector256.ConvertToDouble(units) / divisor).CopyTo(values.Slice(k, 4));
            }
        }

        for (; k < count; k++)
        {
            values[k] = places == 0 ? source[k] : RuleSemantics.ScaledMoneyToNumber(source[k], places);
        }
    }
}
