using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Columnar;

/// <summary>
/// A selection's bitmap comes from a pool and goes back when the selection is disposed: the next evaluation never shows
/// a bit of the one before, a disposed selection still counts but no longer lists rows (not even an enumeration begun
/// before), and disposing twice is harmless.
/// </summary>
public class SelectionTests
{
    private static readonly MetricCatalog Catalog = new([new("visits", MetricType.Int, ""), new("rate", MetricType.Number, "")]);

    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    private static readonly List<(long UserId, IReadOnlyDictionary<string, object?> Metrics)> Rows =
        [.. Enumerable.Range(0, 10_000 + 5).Select(i => ((long)i * 10, (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["visits"] = i % 11 == 0 ? null : (long)(i % 13),
            ["rate"] = i % 7 / 7.0,
        }))];

    private static readonly ColumnTable Table = ColumnTable.FromRows(Rows, Catalog);

    [Fact]
    public void The_next_evaluation_never_shows_a_bit_of_a_disposed_one()
    {
        // Every row, then few: the second writes into the first's pooled bitmap (same thread, same size).
        var all = Rule.Parse("visits IS NULL OR visits >= 0", Catalog).Rule!;
        var few = Rule.Parse("visits = 12 AND rate > 0.5", Catalog).Rule!;
        using (var everyone = ColumnarTarget.Evaluate(all, Clock, Table))
        {
            Assert.Equal(Rows.Count, everyone.Count);
        }

        using var selection = ColumnarTarget.Evaluate(few, Clock, Table);

        var expected = Rows.Where(r => few.Evaluate(r.Metrics, Clock) == TruthValue.True).Select(r => r.UserId).ToList();
        Assert.InRange(expected.Count, 1, 1_000);
        Assert.Equal(expected, selection.UserIds());
        Assert.Equal(expected.Count, selection.Count);
    }

    [Fact]
    public void A_disposed_selection_counts_but_lists_no_rows()
    {
        var rule = Rule.Parse("visits > 6", Catalog).Rule!;
        var selection = ColumnarTarget.Evaluate(rule, Clock, Table);
        var count = selection.Count;
        var begun = selection.Rows().GetEnumerator();
        Assert.True(begun.MoveNext());

        selection.Dispose();
        selection.Dispose();

        Assert.Equal(count, selection.Count);
        Assert.Throws<ObjectDisposedException>(() => selection.Rows());
        Assert.Throws<ObjectDisposedException>(() => selection.UserIds());
        Assert.Throws<ObjectDisposedException>(() => selection.Page(0, 10));
        Assert.Throws<ObjectDisposedException>(() =>
        {
            while (begun.MoveNext())
            {
            }
        });
    }

    [Fact]
    public void An_empty_table_selects_nobody_and_disposes()
    {
        var empty = ColumnTable.FromRows([], Catalog);
        var selection = ColumnarTarget.Evaluate(Rule.Parse("visits > 6", Catalog).Rule!, Clock, empty);

        Assert.Equal(0, selection.Count);
        Assert.Empty(selection.Rows());
        selection.Dispose();
        Assert.Throws<ObjectDisposedException>(() => selection.Rows());
    }

    [Fact]
    public void An_evaluation_that_fails_raises_the_error_and_the_next_one_is_right()
    {
        // int arithmetic that overflows on a row that is not NULL raises the reference's error.
        var big = ColumnTable.FromRows([(1, new Dictionary<string, object?> { ["visits"] = long.MaxValue, ["rate"] = 1.0 })], Catalog);
        var rule = Rule.Parse("visits + 1 > 0", Catalog).Rule!;

        Assert.Throws<OverflowException>(() => ColumnarTarget.Evaluate(rule, Clock, big));
        using var next = ColumnarTarget.Evaluate(rule, Clock, Table);
        Assert.Equal(Rows.Count(r => rule.Evaluate(r.Metrics, Clock) == TruthValue.True), next.Count);
    }
}
