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

    /// <summary>The plan, as a trace or a test reads it: <c>(Int32[] &gt; 3 AND rows)</c>.</summary>
    public abstract override string ToString();
}

/// <summary>A pair of bitmaps computed beforehand: by a kernel (bool, IS NULL, text codes), by the text dictionary, or row by row (the fallback).</summary>
internal sealed class BitmapBlock(ulong[] isTrue, ulong[] isFalse, string plan) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word) => (isTrue[word], isFalse[word]);

    public override string ToString() => plan;
}

internal sealed class NotBlock(Block operand) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        var (t, f) = operand.Word(word);
        return (f, t);
    }

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

    public override string ToString() => $"({string.Join($" {op.ToString().ToUpperInvariant()} ", operands.Select(o => o.ToString()))})";
}
