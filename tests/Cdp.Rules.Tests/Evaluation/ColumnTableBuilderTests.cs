using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Evaluation;

/// <summary>
/// A table filled with typed values (no boxing, how the store loads 10M profiles) is the table the boxed rows give:
/// every type, NULLs, rows past the builder's first capacity, timestamps as UTC, and the columnar evaluator's answers.
/// </summary>
public class ColumnTableBuilderTests
{
    private static readonly MetricCatalog Catalog = new(
    [
        new("visits", MetricType.Int, ""), new("rate", MetricType.Number, ""), new("spend", MetricType.Money, ""),
        new("buyer", MetricType.Bool, ""), new("brand", MetricType.Text, ""), new("seen_at", MetricType.Timestamp, ""),
        new("born_on", MetricType.Date, ""), new("categories", MetricType.TextList, ""),
    ]);

    [Fact]
    public void Typed_rows_give_the_table_that_boxed_rows_give()
    {
        var random = new Random(7);
        var boxed = new ColumnTableBuilder(Catalog, 64);
        var typed = new ColumnTableBuilder(Catalog, 64);
        var brands = new[] { "apple", "samsung", "xiaomi" };
        for (var row = 0; row < 1_000; row++)
        {
            object? Maybe(object value) => random.Next(5) == 0 ? null : value;
            var values = new[]
            {
                Maybe((long)random.Next(-50, 50)), Maybe(random.NextDouble()), Maybe(Math.Round((decimal)random.NextDouble() * 500, 2)),
                Maybe(random.Next(2) == 0), Maybe(brands[random.Next(3)]),
                Maybe(new DateTime(2019, 10, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(random.Next(2_000_000))),
                Maybe(new DateOnly(1980, 1, 1).AddDays(random.Next(10_000))), Maybe(new[] { brands[random.Next(3)], "electronics" }),
            };
            boxed.Add(1_000 + row, values);

            typed.StartRow(1_000 + row);
            for (var i = 0; i < values.Length; i++)
            {
                switch (values[i])
                {
                    case null: break;
                    case long v: typed.Set(i, v); break;
                    case double v: typed.Set(i, v); break;
                    case decimal v: typed.Set(i, v); break;
                    case bool v: typed.Set(i, v); break;
                    case string v: typed.Set(i, v); break;
                    case DateTime v: typed.Set(i, v); break;
                    default: typed.SetValue(i, values[i]); break;
                }
            }
        }

        var expected = boxed.Build();
        var actual = typed.Build();
        Assert.Equal(expected.Ids, actual.Ids);
        foreach (var metric in Catalog.Metrics)
        {
            for (var row = 0; row < expected.RowCount; row++)
            {
                var want = expected.ValueAt(metric.Name, row);
                var got = actual.ValueAt(metric.Name, row);
                Assert.True(want is IEnumerable<string> list ? got is IEnumerable<string> other && list.SequenceEqual(other) : Equals(want, got),
                    $"{metric.Name}, row {row}: {want} boxed, {got} typed");
            }
        }

        var seen = actual.ValueAt("seen_at", Enumerable.Range(0, actual.RowCount).First(r => actual.ValueAt("seen_at", r) is not null));
        Assert.Equal(DateTimeKind.Utc, Assert.IsType<DateTime>(seen).Kind);

        var clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
        foreach (var text in new[] { "visits > 3 AND (rate >= 0.2 OR spend > 100)", "seen_at >= 2019-10-10T00:00:00Z AND NOT buyer", "categories HAS 'apple' OR brand = 'xiaomi'", "days_since(seen_at) < 12" })
        {
            var rule = Rule.Parse(text, Catalog).Rule!;
            Assert.Equal(ColumnarTarget.Evaluate(rule, clock, expected).UserIds(), ColumnarTarget.Evaluate(rule, clock, actual).UserIds());
        }
    }

    [Fact]
    public void A_value_of_another_type_or_before_any_row_is_refused_naming_the_metric()
    {
        var builder = new ColumnTableBuilder(Catalog);
        Assert.Contains("StartRow", Assert.Throws<ArgumentException>(() => builder.Set(0, 1L)).Message, StringComparison.Ordinal);
        builder.StartRow(1);
        Assert.Contains("`spend` is money, not number", Assert.Throws<ArgumentException>(() => builder.Set(2, 1.5)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Set(8, 1L));
        Assert.Throws<ArgumentException>(() => builder.SetValue(0, "seven"));
        builder.Set(0, 7L);
        var table = builder.Build();
        Assert.Equal(7L, table.ValueAt("visits", 0));
        Assert.Null(table.ValueAt("spend", 0));
    }
}
