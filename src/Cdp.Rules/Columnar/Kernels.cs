using System.Numerics;
using System.Runtime.Intrinsics;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>
/// "value op constant" over a whole column into a bitmap, 64 rows a word: Vector256 compares 4 values at
/// a time where the hardware has it (Vector256 is used on AVX2 and AVX-512 machines alike), scalar code
/// elsewhere and for the last partial word.
/// </summary>
internal static class Kernels
{
    public static ulong[] Compare<T>(T[] values, T constant, ComparisonOperator op, int rows)
        where T : unmanaged, INumber<T> => op switch
        {
            ComparisonOperator.Equal => Run<T, EqualTo<T>>(values, constant, rows),
            ComparisonOperator.NotEqual => Invert(Run<T, EqualTo<T>>(values, constant, rows)),
            ComparisonOperator.Less => Run<T, LessThan<T>>(values, constant, rows),
            ComparisonOperator.LessOrEqual => Run<T, LessOrEqualTo<T>>(values, constant, rows),
            ComparisonOperator.Greater => Run<T, GreaterThan<T>>(values, constant, rows),
            _ => Run<T, GreaterOrEqualTo<T>>(values, constant, rows),
        };

    private static ulong[] Invert(ulong[] bits)
    {
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = ~bits[i];
        }

        return bits;
    }

    private static ulong[] Run<T, TOp>(T[] values, T constant, int rows)
        where T : unmanaged, INumber<T>
        where TOp : struct, IComparison<T>
    {
        var bits = new ulong[Bitmap.Words(rows)];
        var full = rows >> 6;
        var perVector = Vector256<T>.Count;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && 64 % perVector == 0)
        {
            var c = Vector256.Create(constant);
            ref var start = ref values[0];
            for (var w = 0; w < full; w++)
            {
                ulong word = 0;
                var baseIndex = w << 6;
                for (var k = 0; k < 64; k += perVector)
                {
                    var v = Vector256.LoadUnsafe(ref start, (nuint)(baseIndex + k));
                    word |= (ulong)TOp.Vector(v, c).ExtractMostSignificantBits() << k;
                }

                bits[w] = word;
            }
        }
        else
        {
            for (var w = 0; w < full; w++)
            {
                bits[w] = Scalar<T, TOp>(values, constant, w << 6, 64);
            }
        }

        if ((rows & 63) != 0)
        {
            bits[full] = Scalar<T, TOp>(values, constant, full << 6, rows & 63);
        }

        return bits;
    }

    private static ulong Scalar<T, TOp>(T[] values, T constant, int from, int count)
        where T : unmanaged, INumber<T>
        where TOp : struct, IComparison<T>
    {
        ulong word = 0;
        for (var i = 0; i < count; i++)
        {
            if (TOp.Scalar(values[from + i], constant))
            {
                word |= 1UL << i;
            }
        }

        return word;
    }

    /// <summary>Equality of dictionary codes with a set of codes (text = and IN).</summary>
    public static ulong[] CodesIn(int[] codes, IReadOnlySet<int> wanted, int rows)
    {
        var bits = new ulong[Bitmap.Words(rows)];
        if (wanted.Count == 0)
        {
            return bits;
        }

        // A lookup table over the codes (a dictionary is small): one load a row instead of a hash probe.
        var table = new bool[wanted.Max() + 1];
        foreach (var code in wanted)
        {
            table[code] = true;
        }

        for (var w = 0; w < bits.Length; w++)
        {
            ulong word = 0;
            var end = Math.Min(rows, (w + 1) << 6);
            for (var i = w << 6; i < end; i++)
            {
                var code = codes[i];
                if ((uint)code < (uint)table.Length && table[code])
                {
                    word |= 1UL << (i & 63);
                }
            }

            bits[w] = word;
        }

        return bits;
    }

    internal interface IComparison<T>
        where T : unmanaged
    {
        static abstract Vector256<T> Vector(Vector256<T> left, Vector256<T> right);
        static abstract Vector512<T> Vector(Vector512<T> left, Vector512<T> right);
        static abstract bool Scalar(T left, T right);
    }

    internal readonly struct EqualTo<T> : IComparison<T> where T : unmanaged, INumber<T>
    {
        public static Vector256<T> Vector(Vector256<T> left, Vector256<T> right) => Vector256.Equals(left, right);
        public static Vector512<T> Vector(Vector512<T> left, Vector512<T> right) => Vector512.Equals(left, right);
        public static bool Scalar(T left, T right) => left == right;
    }

    internal readonly struct LessThan<T> : IComparison<T> where T : unmanaged, INumber<T>
    {
        public static Vector256<T> Vector(Vector256<T> left, Vector256<T> right) => Vector256.LessThan(left, right);
        public static Vector512<T> Vector(Vector512<T> left, Vector512<T> right) => Vector512.LessThan(left, right);
        public static bool Scalar(T left, T right) => left < right;
    }

    internal readonly struct LessOrEqualTo<T> : IComparison<T> where T : unmanaged, INumber<T>
    {
        public static Vector256<T> Vector(Vector256<T> left, Vector256<T> right) => Vector256.LessThanOrEqual(left, right);
        public static Vector512<T> Vector(Vector512<T> left, Vector512<T> right) => Vector512.LessThanOrEqual(left, right);
        public static bool Scalar(T left, T right) => left <= right;
    }

    internal readonly struct GreaterThan<T> : IComparison<T> where T : unmanaged, INumber<T>
    {
        public static Vector256<T> Vector(Vector256<T> left, Vector256<T> right) => Vector256.GreaterThan(left, right);
        public static Vector512<T> Vector(Vector512<T> left, Vector512<T> right) => Vector512.GreaterThan(left, right);
        public static bool Scalar(T left, T right) => left > right;
    }

    internal readonly struct GreaterOrEqualTo<T> : IComparison<T> where T : unmanaged, INumber<T>
    {
        public static Vector256<T> Vector(Vector256<T> left, Vector256<T> right) => Vector256.GreaterThanOrEqual(left, right);
        public static Vector512<T> Vector(Vector512<T> left, Vector512<T> right) => Vector512.GreaterThanOrEqual(left, right);
        public static bool Scalar(T left, T right) => left >= right;
    }

    internal readonly struct NotEqualTo<T> : IComparison<T> where T : unmanaged, INumber<T>
    {
        public static Vector256<T> Vector(Vector256<T> left, Vector256<T> right) => ~Vector256.Equals(left, right);
        public static Vector512<T> Vector(Vector512<T> left, Vector512<T> right) => ~Vector512.Equals(left, right);
        public static bool Scalar(T left, T right) => left != right;
    }
}
