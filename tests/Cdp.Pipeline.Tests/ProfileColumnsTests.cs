using System.Collections;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;

namespace Cdp.Pipeline.Tests;

/// <summary>The store's profiles loaded as columns (typed, without boxing) hold every value its rows hold, v2 columns included.</summary>
public sealed class ProfileColumnsTests
{
    [Fact]
    public async Task Every_value_of_every_profile_is_in_the_columns()
    {
        using var data = new TemporaryDirectory();
        await GeneratedLake.IngestAsync(data.Path, new GeneratorOptions(20_000, 600, 20, new DateOnly(2019, 10, 1), 11));
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        Assert.NotNull(store.Segments.Save("spenders", "sum(price of purchases in last 14d) > 10 or max(brand of views) > 'm' or last(carts) is not null", "", "test").Segment);
        new DuckDbEtl(store).Run(new DateOnly(2019, 10, 20));

        var derived = store.Segments.Rules().SelectMany(r => r.Aggregates).Select(a => a.Definition).ToList();
        var (table, catalog) = store.Explorer.ColumnsWith(derived);
        var rows = store.Profiles(derived: derived).ToList();
        Assert.Equal(rows.Select(r => r.UserId), table.Ids);
        var compared = 0;
        for (var row = 0; row < rows.Count; row++)
        {
            foreach (var metric in catalog.Metrics)
            {
                var want = rows[row].Metrics[metric.Name];
                var got = table.ValueAt(metric.Name, row);
                var same = want is IEnumerable list and not string
                    ? got is IEnumerable other && list.Cast<object>().SequenceEqual(other.Cast<object>())
                    : Equals(want, got);
                Assert.True(same, $"user {rows[row].UserId}, {metric.Name}: the row has {want}, the columns {got}");
                compared++;
            }
        }

        Assert.Equal(rows.Count * (ProfileCatalog.Default.Catalog.Metrics.Count + 3), compared);
        Assert.True(rows.Count > 500, $"{rows.Count} profiles");
    }
}
