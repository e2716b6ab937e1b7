using System.Numerics;
using System.Runtime.Intrinsics;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>
/// Whole-column kernels into bitmaps (dictionary codes in a set), and the comparison operators as types, so that a
/// <see cref="CompareBlock{T, TOp}"/> is compiled once per operator with no branch on it in its loop.
/// </summary>
internal static class Kernels
{
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
