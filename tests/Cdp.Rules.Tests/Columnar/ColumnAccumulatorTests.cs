using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Columnar;

/// <summary>
/// One column while it fills: rows far past the capacity it started with, rows never given a value (NULL, however
/// many there are past the last one given), a row given twice (the last value wins and it stays valid), and money's
/// scale (the most places seen; 2 when no row has a value).
/// </summary>
public class ColumnAccumulatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    public void Rows_past_the_capacity_and_past_the_last_value_are_there_and_null(int capacity)
    {
        var ints = ColumnAccumulator.For(MetricType.Int, capacity);
        ints.AddInt64(3, 7);
        ints.AddInt64(300, -5_000_000_000);

        var column = Assert.IsType<Int64Column>(ints.Build(1_000));

        Assert.Equal(1_000, column.Values.Length);
        Assert.Equal(Bitmap.Words(1_000), column.Valid.Length);
        Assert.Equal(7, column.GetInt64(3));
        Assert.Equal(-5_000_000_000, column.GetInt64(300));
        Assert.Equal(2, Enumerable.Range(0, 1_000).Count(column.IsValid));
    }

    [Theory]
    [InlineData(MetricType.Int)]
    [InlineData(MetricType.Number)]
    [InlineData(MetricType.Money)]
    [InlineData(MetricType.Bool)]
    [InlineData(MetricType.Text)]
    [InlineData(MetricType.Timestamp)]
    [InlineData(MetricType.TextList)]
    [InlineData(MetricType.Date)]
    public void A_column_with_no_value_at_all_has_every_row_null(MetricType type)
    {
        var column = ColumnAccumulator.For(type, 0).Build(130);

        Assert.Equal(Bitmap.Words(130), column.Valid.Length);
        Assert.All(Enumerable.Range(0, 130), row => Assert.False(column.IsValid(row)));
    }

    [Fact]
    public void An_empty_column_has_no_rows()
    {
        var column = ColumnAccumulator.For(MetricType.Int, 16).Build(0);

        Assert.Empty(Assert.IsType<Int32Column>(column).Values);
        Assert.Empty(column.Valid);
    }

    [Fact]
    public void A_row_given_twice_keeps_its_last_value_and_stays_valid()
    {
        var ints = ColumnAccumulator.For(MetricType.Int, 8);
        ints.AddInt64(5, 1);
        ints.AddInt64(5, 2);
        var flags = ColumnAccumulator.For(MetricType.Bool, 8);
        flags.AddBool(70, true);
        flags.AddBool(70, true);
        flags.Add(71, true);
        flags.Add(71, true);

        var column = ints.Build(10);
        var bools = Assert.IsType<BoolColumn>(flags.Build(72));

        Assert.Equal(2, Assert.IsType<Int32Column>(column).GetInt64(5));
        Assert.True(bools.GetBool(70));
        Assert.True(bools.GetBool(71));
        Assert.Null(bools.GetBool(69));
    }

    [Fact]
    public void A_bool_row_far_past_the_capacity_is_kept()
    {
        var flags = ColumnAccumulator.For(MetricType.Bool, 1);
        flags.AddBool(5_000, true);
        flags.AddBool(5_001, false);

        var column = Assert.IsType<BoolColumn>(flags.Build(10_000));

        Assert.True(column.GetBool(5_000));
        Assert.False(column.GetBool(5_001));
        Assert.Null(column.GetBool(9_999));
        Assert.Equal(Bitmap.Words(10_000), column.Values.Length);
    }

    [Fact]
    public void Money_keeps_the_most_places_it_saw()
    {
        var money = ColumnAccumulator.For(MetricType.Money, 4);
        money.AddDecimal(0, 1.5m);
        money.AddDecimal(1, 2.125m);
        money.AddDecimal(2, 7m);

        var column = Assert.IsType<ScaledDecimal32Column>(money.Build(4));

        Assert.Equal(3, column.Scale);
        Assert.Equal([1_500, 2_125, 7_000, 0], column.Values);
        Assert.Equal(2.125m, column.GetDecimal(1));
        Assert.Null(column.GetDecimal(3));
    }

    [Fact]
    public void Money_of_whole_values_has_no_places_and_money_with_no_value_has_two()
    {
        var whole = ColumnAccumulator.For(MetricType.Money, 2);
        whole.AddDecimal(0, 12m);
        var none = ColumnAccumulator.For(MetricType.Money, 2);

        Assert.Equal(0, Assert.IsType<ScaledDecimal32Column>(whole.Build(2)).Scale);
        Assert.Equal(2, Assert.IsType<ScaledDecimal32Column>(none.Build(2)).Scale);
        Assert.Equal(2, Assert.IsType<ScaledDecimal32Column>(ColumnAccumulator.For(MetricType.Money, 0).Build(0)).Scale);
    }

    [Fact]
    public void Money_beyond_32_bits_of_cents_stays_int64()
    {
        var money = ColumnAccumulator.For(MetricType.Money, 2);
        money.AddDecimal(0, 30_000_000.25m);

        var column = Assert.IsType<ScaledDecimalColumn>(money.Build(2));

        Assert.Equal(30_000_000.25m, column.GetDecimal(0));
    }

    [Theory]
    [InlineData(MetricType.Int, "not an int column")]
    [InlineData(MetricType.Number, "not a number column")]
    [InlineData(MetricType.Money, "not a money column")]
    [InlineData(MetricType.Bool, "not a bool column")]
    [InlineData(MetricType.Text, "not a text column")]
    [InlineData(MetricType.Timestamp, "not a timestamp column")]
    public void A_typed_value_of_another_type_is_refused_by_name(MetricType wrongFor, string message)
    {
        var column = ColumnAccumulator.For(wrongFor == MetricType.Int ? MetricType.Text : MetricType.Int, 1);
        Action add = wrongFor switch
        {
            MetricType.Int => () => column.AddInt64(0, 1),
            MetricType.Number => () => column.AddDouble(0, 1),
            MetricType.Money => () => column.AddDecimal(0, 1),
            MetricType.Bool => () => column.AddBool(0, true),
            MetricType.Text => () => column.AddString(0, "a"),
            _ => () => column.AddTimestamp(0, DateTime.UnixEpoch),
        };

        Assert.Equal(message, Assert.Throws<InvalidOperationException>(add).Message);
    }
}
