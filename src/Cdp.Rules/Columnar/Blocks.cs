using System.Numerics;
using System.Runtime.Intrinsics;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>
/// A rule as a tree that answers one 64-row word at a time, "is TRUE" and "is FALSE": the whole rule is
/// evaluated in a single pass over the columns, each column block read once while it is in cache, and no
/// bitmap is written for an intermediate result. <see cref="Words"/> answers a short run of words at once (a
/// chunk of about a thousand rows, in buffers on the stack): one call per block per chunk instead of one per word.
/// </summary>
internal abstract class Block
{
    /// <summary>The most words <see cref="Words"/> is asked for at once (1,024 rows).</summary>
    public const int ChunkWords = 16;

    public abstract (ulong IsTrue, ulong IsFalse) Word(int word);

    /// <summary>Words [first, first + isTrue.Length) at once (at most <see cref="ChunkWords"/>), the same as <see cref="Word"/> gives each.</summary>
    public virtual void Words(int first, Span<ulong> isTrue, Span<ulong> isFalse)
    {
        for (var i = 0; i < isTrue.Length; i++)
        {
            (isTrue[i], isFalse[i]) = Word(first + i);
        }
    }

    /// <summary>The plan, as a trace or a test reads it: <c>(Int32[] &gt; 3 AND rows)</c>.</summary>
    public abstract override string ToString();
}

/// <summary>A pair of bitmaps computed beforehand: by a kernel (bool, IS NULL, text codes), by the text dictionary, or row by row (the fallback).</summary>
internal sealed class BitmapBlock(ulong[] trueBits, ulong[] falseBits, string plan) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word) => (trueBits[word], falseBits[word]);

    public override void Words(int first, Span<ulong> isTrue, Span<ulong> isFalse)
    {
        trueBits.AsSpan(first, isTrue.Length).CopyTo(isTrue);
        falseBits.AsSpan(first, isFalse.Length).CopyTo(isFalse);
    }

    public override string ToString() => plan;
}

internal sealed class NotBlock(Block operand) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        var (t, f) = operand.Word(word);
        return (f, t);
    }

    public override void Words(int first, Span<ulong> isTrue, Span<ulong> isFalse) => operand.Words(first, isFalse, isTrue);

    public override string ToString() => $"NOT {operand}";
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

    public override void Words(int first, Span<ulong> isTrue, Span<ulong> isFalse)
    {
        operands[0].Words(first, isTrue, isFalse);
        Span<ulong> t = stackalloc ulong[isTrue.Length];
        Span<ulong> f = stackalloc ulong[isTrue.Length];
        for (var i = 1; i < operands.Length; i++)
        {
            operands[i].Words(first, t, f);
            if (op == LogicalOperator.And)
            {
                for (var w = 0; w < t.Length; w++)
                {
                    isTrue[w] &= t[w];
                    isFalse[w] |= f[w];
                }
            }
            else
            {
                for (var w = 0; w < t.Length; w++)
                {
                    isTrue[w] |= t[w];
                    isFalse[w] &= f[w];
                }
            }
        }
    }

    public override string ToString() => $"({string.Join($" {op.ToString().ToUpperInvariant()} ", operands.Select(o => o.ToString()))})";
}
