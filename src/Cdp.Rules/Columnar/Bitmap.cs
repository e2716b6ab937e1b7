using System.Numerics;
using System.Runtime.CompilerServices;

namespace Cdp.Rules.Columnar;

/// <summary>Bit operations over ulong words, one bit a row (bit i of word i/64).</summary>
internal static class Bitmap
{
    public static int Words(int rows) => (rows + 63) >> 6;

    public static ulong[] And(ulong[] a, ulong[] b)
    {
        var result = new ulong[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] & b[i];
        }

        return result;
    }

    public static ulong[] AndNot(ulong[] a, ulong[] b)
    {
        var result = new ulong[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] = a[i] & ~b[i];
        }

        return result;
    }

    /// <summary>Every row of the table set: the bits past the last row stay clear.</summary>
    public static ulong[] All(int rows)
    {
        var result = new ulong[Words(rows)];
        Array.Fill(result, ulong.MaxValue);
        if ((rows & 63) != 0)
        {
            result[^1] = (1UL << (rows & 63)) - 1;
        }

        return result;
    }

    /// <summary>A comparison's word as "is TRUE" and "is FALSE": TRUE where the row is valid and matches, FALSE where it is valid and does not, neither (UNKNOWN) where it is NULL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong IsTrue, ulong IsFalse) Truth(ulong valid, ulong matches) => (valid & matches, valid & ~matches);

    /// <summary>Whether the first <paramref name="rows"/> bits are all set.</summary>
    public static bool AllSet(ulong[] bits, int rows)
    {
        var full = rows >> 6;
        for (var w = 0; w < full; w++)
        {
            if (bits[w] != ulong.MaxValue)
            {
                return false;
            }
        }

        var last = (1UL << (rows & 63)) - 1;
        return (rows & 63) == 0 || (bits[full] & last) == last;
    }

    public static long Count(ReadOnlySpan<ulong> bits)
    {
        long count = 0;
        foreach (var word in bits)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }
}
