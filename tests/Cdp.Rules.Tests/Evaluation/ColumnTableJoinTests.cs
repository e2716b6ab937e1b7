using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Evaluation;

/// <summary>Computed columns joined to a loaded table without copying it: rules read both; other rows or a column of both are refused.</summary>
public class ColumnTableJoinTests
{
    private static readonly MetricCatalog Loaded = new([new("spend_30d", MetricType.Money, ""), new("is_buyer", MetricType.Bool, "")]);
    private static readonly MetricCatalog Computed = new([new("agg_000000000001", MetricType.Int, "")]);

    private static ColumnTable Table(MetricCatalog catalog, params (long Id, object?[] Values)[] rows)
    {
        var builder = new ColumnTableBuilder(catalog);
        foreach (var (id, values) in rows)
        {
            builder.Add(id, values);
        }

        return builder.Build();
    }

    [Fact]
    public void A_rule_reads_the_columns_of_both_tables()
    {
        var loaded = Table(Loaded, (1, [10m, true]), (2, [null, false]), (3, [300m, null]));
        var computed = Table(Computed, (1, [2L]), (2, [5L]), (3, [null]));
        var catalog = new MetricCatalog(Loaded.Metrics.Concat(Computed.Metrics));

        var joined = loaded.Join(computed);
        var rule = Rule.Parse("agg_000000000001 >= 2 AND (spend_30d > 5 OR NOT is_buyer)", catalog).Rule!;

        Assert.Equal([1L, 2L], ColumnarTarget.Evaluate(rule, RuleClock.AsOfDate(new DateOnly(2019, 10, 31)), joined).UserIds());
        Assert.Equal(300m, joined.ValueAt("spend_30d", 2));
        Assert.Null(loaded.ValueAt("agg_000000000001", 0)); // the loaded table is unchanged
    }

    [Fact]
    public void Other_rows_or_a_column_of_both_are_refused()
    {
        var loaded = Table(Loaded, (1, [10m, true]), (2, [null, false]));

        Assert.Throws<ArgumentException>(() => loaded.Join(Table(Computed, (2, [1L]), (1, [1L]))));
        Assert.Throws<ArgumentException>(() => loaded.Join(Table(Computed, (1, [1L]))));
        Assert.Throws<ArgumentException>(() => loaded.Join(Table(new MetricCatalog([new("is_buyer", MetricType.Bool, "")]), (1, [true]), (2, [true]))));
    }
}
