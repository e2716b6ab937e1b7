using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// v2 in the embedded ETL: every saved segment's aggregates are computed with the profiles (once each, however many
/// segments use one), and each segment's members equal the reference evaluated on the profiles and the lake's events.
/// </summary>
public sealed class EtlAggregateTests
{
    private static readonly (string Name, string Rule)[] Segments =
    [
        ("apple_buyers", "count(purchases where brand = 'apple' in last 30d) >= 1"),
        ("cart_no_buy", "count(carts where category_code starts with 'electronics' in last 14d) >= 2 and count(purchases in last 14d) = 0"),
        ("big_spenders", "sum(price of purchases in last 30d) > 300 or avg(price of purchases) >= 250"),
        ("many_sessions", "count(distinct user_session of events in last 7d) > 2 and spend_30d >= 0"),
        ("lapsed", "last(purchases) < now() - 10d and first(events since 2019-10-05) is not null"),
        ("brands", "min(brand of views in last 30d) < 'b' or max(price of carts) > 500 or sum(product_id of removals) > 0"),
        ("apple_again", "COUNT(purchases WHERE brand = 'apple' IN LAST 30d) >= 2"),
    ];

    [Fact]
    public async Task Saved_segments_aggregates_are_computed_and_select_the_reference_members()
    {
        using var data = new TemporaryDirectory();
        await GeneratedLake.IngestAsync(data.Path, new GeneratorOptions(40_000, 800, 30, new DateOnly(2019, 10, 1), 5));
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        foreach (var (name, rule) in Segments)
        {
            Assert.NotNull(store.Segments.Save(name, rule, "", "test").Segment);
        }

        var asOf = new DateOnly(2019, 10, 24);
        new DuckDbEtl(store).Run(asOf);

        var byUser = await GeneratedLake.EventsByUserAsync(data.Path);

        var profiles = store.Profiles().ToList();
        var clock = RuleClock.AsOfDate(asOf);
        foreach (var (name, text) in Segments)
        {
            var rule = Rule.Parse(text, ProfileCatalog.Default.Catalog).Rule!;
            var expected = profiles.Where(p => rule.Evaluate(p.Metrics, byUser.GetValueOrDefault(p.UserId) ?? [], clock) == TruthValue.True).Select(p => p.UserId).ToList();
            Assert.True(expected.Count > 0 && expected.Count < profiles.Count, $"{name}: {expected.Count} of {profiles.Count}: the data should split it");
            Assert.Equal(expected, store.Segments.Members(name, asOf));
        }

        // Two segments that use one aggregate (two spellings of it) share its column: 11 distinct aggregates, 11 columns.
        var derived = store.Segments.Rules().SelectMany(r => r.Aggregates).DistinctBy(d => d.Name).Select(d => d.Name).ToList();
        Assert.Equal(11, derived.Count);
        Assert.Equal(derived.Order(), Connection(store).Where(c => c.StartsWith("agg_", StringComparison.Ordinal)).Order());

        // Every column the run computed equals the reference's value from the customer's events, exactly (AVG included:
        // the exact sum over the count, rounded once).
        AssertColumnsAreTheReferences(store, byUser, clock);
    }

    [SampleFact]
    public async Task On_the_real_sample_every_computed_column_is_the_references()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        foreach (var (name, rule) in Segments)
        {
            Assert.NotNull(store.Segments.Save(name, rule, "", "test").Segment);
        }

        var asOf = new DateOnly(2019, 10, 1);
        new DuckDbEtl(store).Run(asOf);

        AssertColumnsAreTheReferences(store, await GeneratedLake.EventsByUserAsync(data.Path), RuleClock.AsOfDate(asOf));
    }

    private static void AssertColumnsAreTheReferences(EmbeddedStore store, Dictionary<long, List<RuleEvent>> byUser, RuleClock clock)
    {
        var rules = store.Segments.Rules();
        var definitions = rules.SelectMany(r => r.Aggregates).DistinctBy(d => d.Name).ToList();
        var profiles = 0;
        foreach (var profile in store.Profiles(derived: definitions.Select(d => d.Definition)))
        {
            var events = byUser.GetValueOrDefault(profile.UserId) ?? [];
            foreach (var rule in rules)
            {
                foreach (var (column, value) in rule.ComputeAggregates(events, clock))
                {
                    Assert.True(Equals(value, profile.Metrics[column]), $"user {profile.UserId}, {definitions.Single(d => d.Name == column).Text}: the run has {profile.Metrics[column]}, the reference {value}");
                }
            }

            profiles++;
        }

        Assert.True(profiles > 100, $"{profiles} profiles");
    }

    [Fact]
    public async Task A_segment_saved_after_the_run_waits_for_the_next_run_and_is_then_evaluated()
    {
        using var data = new TemporaryDirectory();
        await GeneratedLake.IngestAsync(data.Path, new GeneratorOptions(5_000, 200, 10, new DateOnly(2019, 10, 1), 3));
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        var asOf = new DateOnly(2019, 10, 10);
        new DuckDbEtl(store).Run(asOf);

        store.Segments.Save("viewers", "count(views in last 7d) >= 3", "", "test");
        store.EvaluateSegments(asOf, only: "viewers");
        Assert.Null(store.Segments.CurrentEvaluation("viewers", asOf)); // not evaluated: its column is not computed yet

        new DuckDbEtl(store).Run(asOf);
        Assert.NotNull(store.Segments.CurrentEvaluation("viewers", asOf));
    }

    private static HashSet<string> Connection(EmbeddedStore store) => store.Connection.ColumnNames("profiles");
}
