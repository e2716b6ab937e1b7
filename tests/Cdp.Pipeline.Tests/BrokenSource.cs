namespace Cdp.Pipeline.Tests;

/// <summary>Rows that fail part-way, as a file that turns out unreadable in the middle does.</summary>
internal static class BrokenSource
{
    public static IEnumerable<T> FailingAfter<T>(this IEnumerable<T> rows, int count)
    {
        var given = 0;
        foreach (var row in rows)
        {
            if (given++ == count)
            {
                throw new InvalidDataException($"row {count + 1} cannot be read");
            }

            yield return row;
        }
    }
}
