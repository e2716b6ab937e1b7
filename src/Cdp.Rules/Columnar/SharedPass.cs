namespace Cdp.Rules.Columnar;

/// <summary>
/// Several rules over one table in one pass: each range of rows (one per core, <see cref="RowRanges"/>) is walked in
/// steps of 8,192 rows, and every rule runs over a step before the next step is read, so a column that several rules
/// read comes from memory once and from the core's cache for the others. Each rule writes only its own bitmap, and
/// each range only its own words: every selection is the one thread's, and the one the rule alone would give.
/// </summary>
internal static class SharedPass
{
    /// <summary>Words a step: 8,192 rows, 64 KB of an int64 column, so the columns of a few rules stay in a core's cache.</summary>
    internal const int WordsPerStep = 128;

    /// <summary>Fills <paramref name="selected"/>[i] with rule i's selection and returns each rule's count.</summary>
    public static long[] Select(IReadOnlyList<RulePass> passes, IReadOnlyList<ulong[]> selected, int rows, int parallelism)
    {
        var counts = new long[passes.Count];
        RowRanges.For(rows, parallelism, (from, to) =>
        {
            var local = new long[passes.Count];
            var last = Bitmap.Words(to);
            for (var step = from >> 6; step < last; step += WordsPerStep)
            {
                var end = Math.Min(step + WordsPerStep, last);
                for (var r = 0; r < passes.Count; r++)
                {
                    local[r] += passes[r].Fill(selected[r], step, end);
                }
            }

            for (var r = 0; r < passes.Count; r++)
            {
                Interlocked.Add(ref counts[r], local[r]);
            }
        });
        return counts;
    }
}
