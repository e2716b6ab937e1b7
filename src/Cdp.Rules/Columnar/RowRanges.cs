using System.Runtime.ExceptionServices;

namespace Cdp.Rules.Columnar;

/// <summary>
/// A whole-column loop split into ranges of rows, one per core, for tables of a million rows or more. Every range but
/// the last starts and ends on a multiple of 64, so each 64-row word of a bitmap belongs to one range and ranges never
/// write the same word. An exception of one range (an overflow the caller answers) is thrown as itself.
/// </summary>
internal static class RowRanges
{
    private const int ParallelFromRows = 1 << 20;

    /// <param name="rows">The rows of the column.</param>
    /// <param name="parallelism">The most threads to use (the evaluation's <c>maxDegreeOfParallelism</c>).</param>
    /// <param name="body">The loop over rows [from, to).</param>
    public static void For(int rows, int parallelism, Action<int, int> body)
    {
        var parts = rows < ParallelFromRows ? 1 : Math.Min(parallelism, rows >> 18);
        if (parts <= 1)
        {
            body(0, rows);
            return;
        }

        try
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part => body(Start(rows, parts, part), Start(rows, parts, part + 1)));
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
        }
    }

    private static int Start(int rows, int parts, int part) => part == parts ? rows : (int)((long)rows * part / parts) & ~63;
}
