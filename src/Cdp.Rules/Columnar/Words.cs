using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Cdp.Rules.Columnar;

/// <summary>
/// One full 64-row word of a sub-rule, "is TRUE" and "is FALSE", as a struct. A tree of these, nested as type
/// arguments (<c>LogicalWord&lt;And, CompareWord&lt;int, GreaterThan&gt;, ...&gt;</c>), is compiled by the JIT into one
/// loop with every call inlined: the rule's loads, compares and combines for a word in registers, with no virtual call
/// per block (see <see cref="FusedLoop"/>).
/// </summary>
internal interface IWord
{
    (ulong IsTrue, ulong IsFalse) Word(int word);
}

/// <summary>"column op constant" for a full word: 64 values compared a vector at a time, masked by validity (no validity: a column without NULLs, whose bitmap is not read).</summary>
internal readonly struct CompareWord<T, TOp>(T[] values, ulong[]? valid, T constant) : IWord
    where T : unmanaged, INumber<T>
    where TOp : struct, Kernels.IComparison<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        return Bitmap.Truth(valid is null ? ulong.MaxValue : valid[word], Matches(word));
    }

    /// <summary>The word's 64 comparisons (Vector512 where the machine has it, else Vector256, else one by one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Matches(int word)
    {
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && 64 % Vector512<T>.Count == 0)
        {
            return Vector512Word(word);
        }

        return Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && 64 % Vector256<T>.Count == 0
            ? Vector256Word(word)
            : Scalar(word, 64);
    }

    /// <summary>The first <paramref name="count"/> rows of a word compared one by one (the last, partial word).</summary>
    public ulong Scalar(int word, int count)
    {
        var first = word << 6;
        ulong bits = 0;
        for (var i = 0; i < count; i++)
        {
            if (TOp.Scalar(values[first + i], constant))
            {
                bits |= 1UL << i;
            }
        }

        return bits;
    }

    private ulong Vector512Word(int word)
    {
        var c = Vector512.Create(constant);
        ref var start = ref values[0];
        var first = (nuint)(word << 6);
        ulong bits = 0;
        for (var k = 0; k < 64; k += Vector512<T>.Count)
        {
            bits |= TOp.Vector(Vector512.LoadUnsafe(ref start, first + (nuint)k), c).ExtractMostSignificantBits() << k;
        }

        return bits;
    }

    private ulong Vector256Word(int word)
    {
        var c = Vector256.Create(constant);
        ref var start = ref values[0];
        var first = (nuint)(word << 6);
        ulong bits = 0;
        for (var k = 0; k < 64; k += Vector256<T>.Count)
        {
            bits |= (ulong)TOp.Vector(Vector256.LoadUnsafe(ref start, first + (nuint)k), c).ExtractMostSignificantBits() << k;
        }

        return bits;
    }
}

/// <summary>AND or OR of two words in SQL's three-valued logic.</summary>
internal readonly struct LogicalWord<TCombine, TLeft, TRight>(TLeft left, TRight right) : IWord
    where TCombine : struct, ILogicalCombine
    where TLeft : struct, IWord
    where TRight : struct, IWord
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (ulong IsTrue, ulong IsFalse) Word(int word) => TCombine.Combine(left.Word(word), right.Word(word));
}

/// <summary>How AND and OR combine the "is TRUE" and "is FALSE" bits of two operands.</summary>
internal interface ILogicalCombine
{
    static abstract (ulong IsTrue, ulong IsFalse) Combine((ulong IsTrue, ulong IsFalse) left, (ulong IsTrue, ulong IsFalse) right);
}

/// <summary>TRUE where both are TRUE, FALSE where either is FALSE.</summary>
internal readonly struct AndCombine : ILogicalCombine
{
    public static (ulong IsTrue, ulong IsFalse) Combine((ulong IsTrue, ulong IsFalse) left, (ulong IsTrue, ulong IsFalse) right) =>
        (left.IsTrue & right.IsTrue, left.IsFalse | right.IsFalse);
}

/// <summary>TRUE where either is TRUE, FALSE where both are FALSE.</summary>
internal readonly struct OrCombine : ILogicalCombine
{
    public static (ulong IsTrue, ulong IsFalse) Combine((ulong IsTrue, ulong IsFalse) left, (ulong IsTrue, ulong IsFalse) right) =>
        (left.IsTrue | right.IsTrue, left.IsFalse & right.IsFalse);
}

/// <summary>NOT: TRUE and FALSE swapped, UNKNOWN kept.</summary>
internal readonly struct NotWord<TOperand>(TOperand operand) : IWord
    where TOperand : struct, IWord
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        var (isTrue, isFalse) = operand.Word(word);
        return (isFalse, isTrue);
    }
}

/// <summary>A pair of bitmaps computed beforehand (a <see cref="BitmapBlock"/>'s).</summary>
internal readonly struct BitmapWord(ulong[] isTrue, ulong[] isFalse) : IWord
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (ulong IsTrue, ulong IsFalse) Word(int word) => (isTrue[word], isFalse[word]);
}

/// <summary>Any other block (numeric expressions) behind its one virtual call.</summary>
internal readonly struct BlockWord(Block block) : IWord
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (ulong IsTrue, ulong IsFalse) Word(int word) => block.Word(word);
}
