using System.Collections.Concurrent;
using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Columnar;

/// <summary>
/// How a whole-column loop is split across cores: one range below a million rows, else as many as the parallelism
/// allows (about 256k rows each at the least), every range starting on a 64-row word, together every row once, the sizes
/// within two words of each other.
/// </summary>
public class RowRangesTests
{
    private static List<(int From, int To)> Ranges(int rows, int parallelism)
    {
        var ranges = new ConcurrentBag<(int, int)>();
        RowRanges.For(rows, parallelism, (from, to) => ranges.Add((from, to)));
        return [.. ranges.OrderBy(r => r.Item1)];
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1_000, 4)]
    [InlineData((1 << 20) - 1, 8)]
    public void A_table_under_a_million_rows_is_one_range(int rows, int parallelism) =>
        Assert.Equal([(0, rows)], Ranges(rows, parallelism));

    [Theory]
    [InlineData(1 << 20, 1, 1)]
    [InlineData(1 << 20, 2, 2)]
    [InlineData(1 << 20, 16, 4)]
    [InlineData((1 << 20) + 100, 3, 3)]
    [InlineData(10_000_003, 2, 2)]
    [InlineData(10_000_003, 64, 38)]
    public void A_large_table_is_split_in_ranges_on_word_boundaries_that_cover_every_row_once(int rows, int parallelism, int parts)
    {
        var ranges = Ranges(rows, parallelism);

        Assert.Equal(parts, ranges.Count);
        Assert.Equal(0, ranges[0].From);
        Assert.Equal(rows, ranges[^1].To);
        for (var i = 0; i < ranges.Count; i++)
        {
            Assert.True(ranges[i].From < ranges[i].To, $"range {i} is empty");
            Assert.Equal(0, ranges[i].From % 64);
            if (i > 0)
            {
                Assert.Equal(ranges[i - 1].To, ranges[i].From);
            }
        }

        var sizes = ranges.Select(r => r.To - r.From).ToList();
        Assert.True(sizes.Max() - sizes.Min() < 128, $"ranges of {string.Join(", ", sizes)} rows");
    }

    [Fact]
    public void The_ranges_run_side_by_side()
    {
        var running = 0;
        var most = 0;
        using var together = new Barrier(2);
        RowRanges.For(1 << 21, 2, (_, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            together.SignalAndWait(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref running);
        });

        Assert.Equal(2, most);
    }

    [Fact]
    public void A_range_that_throws_throws_its_own_exception()
    {
        var thrown = Assert.Throws<OverflowException>(() => RowRanges.For(1 << 21, 2, (from, _) =>
        {
            if (from > 0)
            {
                throw new OverflowException("range two");
            }
        }));

        Assert.Equal("range two", thrown.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
