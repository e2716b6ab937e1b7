using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Columnar;

/// <summary>
/// What the table, its builder and the columnar target refuse and say (a join of other rows or of a column held
/// twice, a row of the wrong width, a metric index out of range, a null, a parallelism below one), the all-rows
/// bitmap at word edges, and exact money beyond int64 when a column is rescaled.
/// </summary>
public class ColumnTableContractTests
{
    private static readonly MetricCatalog Catalog = new([new("visits", MetricType.Int, ""), new("big", MetricType.Int, "")]);
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    [Theory]
    [InlineData(0, new ulong[0])]
    [InlineData(1, new ulong[] { 1 })]
    [InlineData(63, new ulong[] { ulong.MaxValue >> 1 })]
    [InlineData(64, new ulong[] { ulong.MaxValue })]
    [InlineData(65, new ulong[] { ulong.MaxValue, 1 })]
    [InlineData(130, new ulong[] { ulong.MaxValue, ulong.MaxValue, 3 })]
    public void Every_row_is_set_and_no_bit_past_the_last(int rows, ulong[] words) => Assert.Equal(words, Bitmap.All(rows));

    [Fact]
    public void A_join_of_other_rows_or_of_a_column_held_twice_is_refused()
    {
        var table = ColumnTable.FromRows([(1, new Dictionary<string, object?> { ["visits"] = 1L })], Catalog);
        var other = ColumnTable.FromRows([(2, new Dictionary<string, object?> { ["visits"] = 1L })], Catalog);
        var shorter = ColumnTable.FromRows([], Catalog);

        Assert.Equal("more", Assert.Throws<ArgumentNullException>(() => table.Join(null!)).ParamName);
        Assert.StartsWith("The tables hold other rows: join tables of the same ids in the same order.", Assert.Throws<ArgumentException>(() => table.Join(other)).Message);
        Assert.StartsWith("The tables hold other rows", Assert.Throws<ArgumentException>(() => table.Join(shorter)).Message);
        Assert.StartsWith("Both tables hold the column `visits`.", Assert.Throws<ArgumentException>(() => table.Join(table)).Message);
    }

    [Fact]
    public void The_builder_refuses_what_does_not_fit_and_says_what()
    {
        var builder = new ColumnTableBuilder(Catalog, capacity: 1);

        Assert.Equal("catalog", Assert.Throws<ArgumentNullException>(() => new ColumnTableBuilder(null!)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentNullException>(() => ColumnTable.FromRows(null!, Catalog)).ParamName);
        var width = Assert.Throws<ArgumentException>(() => builder.Add(1, [1L]));
        Assert.Equal("values", width.ParamName);
        Assert.StartsWith("expected 2 values, one per metric; got 1", width.Message);

        builder.StartRow(1);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => builder.Set(2, 1L));
        Assert.Equal("metric", range.ParamName);
        Assert.StartsWith("the builder has 2 metrics", range.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Set(-1, 1L));
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => builder.Set(0, (string)null!)).ParamName);
    }

    [Fact]
    public void The_columnar_target_refuses_a_null_and_a_parallelism_below_one()
    {
        var rule = Rule.Parse("visits > 1", Catalog).Rule!;
        var table = ColumnTable.FromRows([], Catalog);

        Assert.Equal("rule", Assert.Throws<ArgumentNullException>(() => ColumnarTarget.Evaluate(null!, Clock, table, 1)).ParamName);
        Assert.Equal("table", Assert.Throws<ArgumentNullException>(() => ColumnarTarget.Evaluate(rule, Clock, null!, 1)).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => ColumnarTarget.Evaluate(rule, Clock, table, 0)).ParamName);
    }

    [Theory]
    [InlineData("big + 0.01 > 0", true)]
    [InlineData("big * 1.5 > 0", true)]
    [InlineData("big + 0.01 < 0", false)]
    public void An_int_too_large_for_money_cents_is_compared_exactly(string text, bool member)
    {
        // 10^17 as cents overflows int64: the word is decided row by row, in decimals, as the reference does.
        var rows = new List<(long, IReadOnlyDictionary<string, object?>)> { (1, new Dictionary<string, object?> { ["big"] = 100_000_000_000_000_000L }) };
        var rule = Rule.Parse(text, Catalog).Rule!;

        Assert.Equal(member ? TruthValue.True : TruthValue.False, rule.Evaluate(rows[0].Item2, Clock));
        Assert.Equal(member ? [1L] : [], ColumnarTarget.Evaluate(rule, Clock, ColumnTable.FromRows(rows, Catalog)).UserIds());
    }
}
