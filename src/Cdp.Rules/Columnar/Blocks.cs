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

    /// <summary>
    /// Hands the block to <paramref name="fusion"/> as a struct <see cref="IWord"/> (its type names the block's whole
    /// subtree, see <see cref="FusedLoop"/>); a block with no struct form goes as itself behind its virtual call.
    /// </summary>
    public virtual TResult Fuse<TResult>(IFusion<TResult> fusion) => fusion.Fused(new BlockWord(this));

    /// <summary>How many blocks the tree has (this one and those under it).</summary>
    public virtual int Size => 1;

    /// <summary>The plan, as a trace or a test reads it: <c>(Int32[] &gt; 3 AND rows)</c>.</summary>
    public abstract override string ToString();
}

/// <summary>A pair of bitmaps computed beforehand: by a kernel (bool, IS NULL, text codes), by the text dictionary, or row by row (the fallback).</summary>
internal sealed class BitmapBlock(ulong[] isTrue, ulong[] isFalse, string plan) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word) => (isTrue[word], isFalse[word]);

    public override TResult Fuse<TResult>(IFusion<TResult> fusion) => fusion.Fused(new BitmapWord(isTrue, isFalse));

    public override string ToString() => plan;
}

internal sealed class NotBlock(Block operand) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        var (t, f) = operand.Word(word);
        return (f, t);
    }

    public override TResult Fuse<TResult>(IFusion<TResult> fusion) => operand.Fuse(new NotFusion<TResult>(fusion));

    public override int Size => 1 + operand.Size;

    private sealed class NotFusion<TResult>(IFusion<TResult> outer) : IFusion<TResult>
    {
        public TResult Fused<TWord>(TWord word) where TWord : struct, IWord => outer.Fused(new NotWord<TWord>(word));
    }

    public override string ToString() => $"NOT {operand}";
}

internal sealed class LogicalBlock(LogicalOperator op, Block[] operands) : Block
{
    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        var pair = operands[0].Word(word);
        for (var i = 1; i < operands.Length; i++)
        {
            pair = op == LogicalOperator.And ? AndCombine.Combine(pair, operands[i].Word(word)) : OrCombine.Combine(pair, operands[i].Word(word));
        }

        return pair;
    }

    /// <summary>The operands as a balanced tree of binary <see cref="LogicalWord{TCombine, TLeft, TRight}"/>s.</summary>
    public override TResult Fuse<TResult>(IFusion<TResult> fusion) => op == LogicalOperator.And
        ? FuseRange<AndCombine, TResult>(0, operands.Length, fusion)
        : FuseRange<OrCombine, TResult>(0, operands.Length, fusion);

    public override int Size => 1 + operands.Sum(o => o.Size);

    private TResult FuseRange<TCombine, TResult>(int from, int to, IFusion<TResult> fusion)
        where TCombine : struct, ILogicalCombine
    {
        if (to - from == 1)
        {
            return operands[from].Fuse(fusion);
        }

        var middle = (from + to) / 2;
        return FuseRange<TCombine, TResult>(from, middle, new LeftFusion<TCombine, TResult>(this, middle, to, fusion));
    }

    private sealed class LeftFusion<TCombine, TResult>(LogicalBlock block, int from, int to, IFusion<TResult> outer) : IFusion<TResult>
        where TCombine : struct, ILogicalCombine
    {
        public TResult Fused<TLeft>(TLeft left) where TLeft : struct, IWord =>
            block.FuseRange<TCombine, TResult>(from, to, new RightFusion<TCombine, TLeft, TResult>(left, outer));
    }

    private sealed class RightFusion<TCombine, TLeft, TResult>(TLeft left, IFusion<TResult> outer) : IFusion<TResult>
        where TCombine : struct, ILogicalCombine
        where TLeft : struct, IWord
    {
        public TResult Fused<TRight>(TRight right) where TRight : struct, IWord =>
            outer.Fused(new LogicalWord<TCombine, TLeft, TRight>(left, right));
    }

    public override string ToString() => $"({string.Join($" {op.ToString().ToUpperInvariant()} ", operands.Select(o => o.ToString()))})";
}
