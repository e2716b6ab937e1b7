using System.Numerics;
using System.Runtime.Intrinsics;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>
/// A rule as a tree that answers one 64-row word at a time, "is TRUE" and "is FALSE": the whole rule is
/// evaluated in a single pass over the columns, each column block read once while it is in cache, and no
/// bitmap is written for an intermediate result.
/// </summary>
internal abstract class Block
{
    public abstract (ulong IsTrue, ulong IsFalse) Word(int word);
}

/// <summary>A pair of bitmaps computed beforehand (the row-by-row fallback).</summary>
internal sealed class BitmapBlock(ulong[] isTrue, ulong[] isFalse) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word) => (isTrue[word], isFalse[word]);
}

internal sealed class NotBlock(Block operand) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        var (t, f) = operand.Word(word);
        return (f, t);
    }
}

internal sealed class LogicalBlock(LogicalOperator op, Block[] operands) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        var (isTrue, isFalse) = operands[0].Word(word);
        for (var i = 1; i < operands.Length; i++)
        {
            var (t, f) = operands[i].Word(word);
            if (op == LogicalOperator.And)
            {
                isTrue &= t;
                isFalse |= f;
            }
            else
            {
                isTrue |= t;
                isFalse &= f;
            }
        }

        return (isTrue, isFalse);
    }
}

/// <summary>"column op constant" for one word: 64 values compared 4 at a time with Vector256, masked by validity.</summary>
internal sealed class CompareBlock<T>(T[] values, ulong[] valid, T constant, ComparisonOperator op, int rows) : Block
    where T : unmanaged, INumber<T>
{
    private readonly bool _vector = Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && 64 % Vector256<T>.Count == 0;
    private readonly int _fullWords = rows >> 6;

    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        var matches = word < _fullWords && _vector ? VectorWord(word) : ScalarWord(word);
        var isValid = valid[word];
        return (isValid & matches, isValid & ~matches);
    }

    private ulong VectorWord(int word)
    {
        var c = Vector256.Create(constant);
        ref var start = ref values[0];
        var first = (nuint)(word << 6);
        ulong bits = 0;
        for (var k = 0; k < 64; k += Vector256<T>.Count)
        {
            var v = Vector256.LoadUnsafe(ref start, first + (nuint)k);
            var mask = op switch
            {
                ComparisonOperator.Equal => Vector256.Equals(v, c),
                ComparisonOperator.NotEqual => ~Vector256.Equals(v, c),
                ComparisonOperator.Less => Vector256.LessThan(v, c),
                ComparisonOperator.LessOrEqual => Vector256.LessThanOrEqual(v, c),
                ComparisonOperator.Greater => Vector256.GreaterThan(v, c),
                _ => Vector256.GreaterThanOrEqual(v, c),
            };
            bits |= (ulong)mask.ExtractMostSignificantBits() << k;
        }

        return bits;
    }

    private ulong ScalarWord(int word)
    {
        var first = word << 6;
        var count = Math.Min(64, rows - first);
        ulong bits = 0;
        for (var i = 0; i < count; i++)
        {
            var value = values[first + i];
            var hit = op switch
            {
                ComparisonOperator.Equal => value == constant,
                ComparisonOperator.NotEqual => value != constant,
                ComparisonOperator.Less => value < constant,
                ComparisonOperator.LessOrEqual => value <= constant,
                ComparisonOperator.Greater => value > constant,
                _ => value >= constant,
            };
            if (hit)
            {
                bits |= 1UL << i;
            }
        }

        return bits;
    }
}
