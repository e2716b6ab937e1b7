using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

public class SegmentStoreTests
{
    [Fact]
    public async Task Members_per_day_match_the_reference_and_history_is_a_query()
    {
        using var data = new TemporaryDirectory();
        var path = Path.Combine(data.Path, "events.csv");
        using (var file = new StreamWriter(path))
        {
            new EventGenerator(new GeneratorOptions(40_000, 2_000, 12, new DateOnly(2019, 10, 1), 21)).Write(file);
        }

        await EmbeddedIngest.RunAsync(path, data.Path);
        var events = EventFileReader.ReadFile(path).Select(l => l.Event!).ToList();
        using var etl = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        const string text = "sessions_7d >= 2 AND NOT (cart_rate >= 0.05)";
        var (segment, diagnostics) = etl.Segments.Save("returning browsers", text, "come back, rarely add to cart", "test");
        Assert.Empty(diagnostics);
        Assert.Equal(1, segment!.Version);

        var rule = Rule.Parse(text, ShopCatalog.Instance).Rule!;
        var expected = new List<SortedSet<long>>();
        for (var day = new DateOnly(2019, 10, 5); day <= new DateOnly(2019, 10, 12); day = day.AddDays(1))
        {
            new DuckDbEtl(etl).Run(day);
            var clock = RuleClock.AsOfDate(day);
            var members = ReferenceProfiles.Compute(events, day).Where(p => rule.Evaluate(p.Value, clock) == TruthValue.True).Select(p => p.Key).ToList();
            Assert.Equal(members.Order(), etl.Segments.Members("returning browsers", day));
            expected.Add(new SortedSet<long>(members));
        }

        var history = etl.Segments.History("returning browsers");
        Assert.Equal(8, history.Count);
        for (var i = 0; i < history.Count; i++)
        {
            Assert.Equal(expected[i].Count, history[i].Members);
            if (i > 0)
            {
                Assert.Equal(expected[i].Except(expected[i - 1]).LongCount(), history[i].Entered);
                Assert.Equal(expected[i - 1].Except(expected[i]).LongCount(), history[i].Exited);
            }
        }
    }

    [Fact]
    public void Saving_keeps_versions_and_refuses_a_rule_with_mistakes()
    {
        using var data = new TemporaryDirectory();
        using var etl = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        var (none, diagnostics) = etl.Segments.Save("bad", "sesions_7d > 3", "", "test");
        Assert.Null(none);
        Assert.Equal("1:1: unknown metric `sesions_7d`; did you mean `sessions_7d`?", Assert.Single(diagnostics).ToString());

        etl.Segments.Save("buyers", "is_buyer", "v1", "ana");
        var (second, _) = etl.Segments.Save("buyers", "is_buyer AND spend_30d > 100", "v2", "ben");
        Assert.Equal(2, second!.Version);
        Assert.Equal("is_buyer AND spend_30d > 100", second.Rule);
        Assert.Equal(["is_buyer", "is_buyer AND spend_30d > 100"], etl.Segments.Versions("buyers").Select(v => v.Rule));
        Assert.Equal(["buyers"], etl.Segments.List().Select(s => s.Name));
    }
}
