using System.Numerics;

namespace Cdp.Rules.Columnar;

/// <summary>
/// One rule ready to run over any range of words: its blocks, and their fused loop where the rule has one. It keeps no
/// state between calls, so threads (and the rules of a <see cref="SharedPass"/>) run it on their own words at once.
/// </summary>
internal sealed class RulePass(Block block, FusedLoop? fused, int rows)
{
    private readonly int _fullWords = rows >> 6;

    /// <summary>Writes words [from, to) of the selection (full words by the fused loop if there is one) and returns how many rows they select.</summary>
    public long Fill(ulong[] selected, int from, int to)
    {
        long count = 0;
        if (fused is not null && from < _fullWords)
        {
            var end = Math.Min(to, _fullWords);
            count += fused.Fill(selected, from, end);
            from = end;
        }

        for (var w = from; w < to; w++)
        {
            var bits = block.Word(w).IsTrue;
            if (w == _fullWords)
            {
                bits &= (1UL << (rows & 63)) - 1; // the last, partial word: no row past the last, whatever a column's bitmap holds there
            }

            selected[w] = bits;
            count += BitOperations.PopCount(bits);
        }

        return count;
    }
}
