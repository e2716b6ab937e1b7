using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Cdp.Rules.Columnar;

/// <summary>Receives a block tree as one struct <see cref="IWord"/> whose type spells the tree (continuation-passing: no reflection).</summary>
internal interface IFusion<out TResult>
{
    TResult Fused<TWord>(TWord word) where TWord : struct, IWord;
}

/// <summary>
/// The loop over a range of full words for a whole rule, compiled for the rule's shape: the block tree handed over as
/// nested structs (<see cref="Block.Fuse{TResult}"/>), so the JIT inlines every block into one loop body and a word's
/// loads, compares and combines stay in registers, as a hand-written loop's would. The shape is the tree with its
/// column types and operators, not its constants: a rule edited in the editor (other numbers) reuses the compiled loop.
/// </summary>
internal abstract class FusedLoop
{
    /// <summary>The most blocks fused into one loop; a larger rule runs block by block.</summary>
    internal const int MostBlocks = 32;

    /// <summary>Writes each word's "is TRUE" bits into <paramref name="selected"/>, for full words [from, to), and returns how many rows they select.</summary>
    public abstract long Fill(ulong[] selected, int from, int to);

    /// <summary>The fused loop of a block tree, or null where it runs block by block: too many blocks, a shape <paramref name="shapes"/> refuses, or no JIT (Native AOT).</summary>
    public static FusedLoop? Of(Block root, FusedShapes shapes) =>
        RuntimeFeature.IsDynamicCodeSupported && root.Size <= MostBlocks ? root.Fuse(new Loops(shapes)) : null;

    private sealed class Loops(FusedShapes shapes) : IFusion<FusedLoop?>
    {
        public FusedLoop? Fused<TWord>(TWord word) where TWord : struct, IWord => shapes.Admit(typeof(TWord)) ? new FusedLoop<TWord>(word) : null;
    }
}

/// <summary>
/// The shapes a process has compiled a <see cref="FusedLoop"/> for, at most so many: each is machine code kept for the
/// process's life, so a host whose users type thousands of different rules stops compiling new shapes (those rules run
/// block by block, as fast as before fusion) rather than grow without bound.
/// </summary>
internal sealed class FusedShapes(int most)
{
    /// <summary>The process's shapes: 256, far more than the distinct rule structures a workspace has.</summary>
    public static readonly FusedShapes Process = new(256);

    private readonly ConcurrentDictionary<Type, byte> _shapes = new();

    public int Count => _shapes.Count;

    /// <summary>Whether a loop of this shape may run: one compiled before, or a new one while there is room.</summary>
    public bool Admit(Type shape) => _shapes.ContainsKey(shape) || (_shapes.Count < most && _shapes.TryAdd(shape, 0));
}

internal sealed class FusedLoop<TWord>(TWord word) : FusedLoop
    where TWord : struct, IWord
{
    private readonly TWord _word = word;

    // Optimized from the first call: the loop is compiled once per shape, and its body has no calls left to profile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override long Fill(ulong[] selected, int from, int to)
    {
        var word = _word;
        long count = 0;
        for (var w = from; w < to; w++)
        {
            var bits = word.Word(w).IsTrue;
            selected[w] = bits;
            count += BitOperations.PopCount(bits);
        }

        return count;
    }
}
