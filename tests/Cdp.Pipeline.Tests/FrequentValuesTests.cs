using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;

namespace Cdp.Pipeline.Tests;

/// <summary>The values the rule editor offers after <c>brand =</c>: the lake's most frequent non-empty ones, most frequent first, ties by value.</summary>
public sealed class FrequentValuesTests
{
    [Fact]
    public async Task The_most_frequent_brands_and_categories_of_the_lake_in_order()
    {
        using var data = new TemporaryDirectory();
        var path = await GeneratedLake.IngestAsync(data.Path, new GeneratorOptions(10_000, 300, 5, new DateOnly(2019, 10, 1), 3));
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        var events = EventFileReader.ReadFile(path).Select(l => l.Event!).ToList();

        foreach (var (field, read) in new (string, Func<CommerceEvent, string?>)[] { ("brand", e => e.Brand), ("category_code", e => e.CategoryCode) })
        {
            var expected = events.Select(read).Where(v => !string.IsNullOrEmpty(v)).GroupBy(v => v!)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(20).Select(g => g.Key).ToList();
            Assert.True(expected.Count >= 5, field);
            Assert.Equal(expected, store.Explorer.FrequentValues(field, 20));
        }

        Assert.Throws<ArgumentException>(() => store.Explorer.FrequentValues("user_session; DROP TABLE profiles"));
    }
}
