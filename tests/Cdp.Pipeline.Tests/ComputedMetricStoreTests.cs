using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// Computed metrics in the embedded store: what a new one is held to, that the next run computes their aggregates
/// (and a segment naming one selects the reference's members), and that one a segment names cannot be removed.
/// </summary>
public sealed class ComputedMetricStoreTests
{
    private const string Electronics = "count(purchases WHERE category_code STARTS WITH 'electronics' IN LAST 30d)";

    [Theory]
    [InlineData("", "count(purchases)", "a computed metric needs a name")]
    [InlineData("Big Spend", "count(purchases)", "`Big Spend` will not do as a metric name: use 1 to 64 lower-case letters, digits and '_', beginning with a letter (as in purchases_electronics_90d)")]
    [InlineData("agg_mine", "count(purchases)", "`agg_mine` begins like the columns the platform computes for aggregates and segments (agg_, seg_): choose another name")]
    [InlineData("spend_30d", "count(purchases)", "`spend_30d` is a metric of the catalog already")]
    [InlineData("and", "count(purchases)", "`and` is a word of the rule language: choose another name")]
    [InlineData("electronics_buys", "count(purchases)", "a computed metric `electronics_buys` exists already")]
    public void A_name_that_will_not_do_is_refused_with_its_reason(string name, string expression, string problem)
    {
        using var data = new TemporaryDirectory();
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        Assert.NotNull(store.ComputedMetrics.Add("electronics_buys", Electronics, "", "test", []).Metric);

        var save = store.ComputedMetrics.Add(name, expression, "", "test", []);

        Assert.Null(save.Metric);
        Assert.Equal(problem, save.Verdict.Problem);
        Assert.Single(store.ComputedMetrics.List());
    }

    [Theory]
    [InlineData("count(purchse)", DiagnosticCodes.UnknownEventKind)]
    [InlineData("electronics_buys * 2", DiagnosticCodes.NotAllowedHere)]
    [InlineData("in_segment('buyers')", DiagnosticCodes.NotAllowedHere)]
    [InlineData("spend_30d >", DiagnosticCodes.Syntax)]
    public void An_expression_with_mistakes_is_refused_with_its_diagnostics(string expression, string code)
    {
        using var data = new TemporaryDirectory();
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        Assert.NotNull(store.ComputedMetrics.Add("electronics_buys", Electronics, "", "test", []).Metric);

        var save = store.ComputedMetrics.Add("other", expression, "", "test", ["buyers"]);

        Assert.Null(save.Metric);
        Assert.Equal(code, save.Verdict.Diagnostics[0].Code);
    }

    [Fact]
    public async Task The_next_run_computes_a_metric_and_a_segment_naming_it_selects_the_reference_members_and_keeps_it()
    {
        using var data = new TemporaryDirectory();
        await GeneratedLake.IngestAsync(data.Path, new GeneratorOptions(20_000, 500, 30, new DateOnly(2019, 10, 1), 7));
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        var added = store.ComputedMetrics.Add("electronics_buys", Electronics, " Electronics purchases in 30 days ", "ana", []);
        Assert.Equal((MetricType.Int, "Electronics purchases in 30 days", "ana"), (added.Metric!.Type, added.Metric.Description, added.Metric.Owner));
        var saved = store.Segments.Save("electronics_fans", "Electronics_Buys >= 1 AND is_buyer", "", "ana");
        Assert.Equal("electronics_buys >= 1 AND is_buyer", saved.Segment!.Rule); // the saved rule names the metric

        var asOf = new DateOnly(2019, 10, 25);
        new DuckDbEtl(store).Run(asOf);

        var metric = Rule.ParseExpression(Electronics, ProfileCatalog.Default.Catalog).Rule!;
        var column = metric.Aggregates.Single().Name;
        Assert.Contains(column, store.Connection.ColumnNames("profiles"));
        var byUser = await GeneratedLake.EventsByUserAsync(data.Path);

        var clock = RuleClock.AsOfDate(asOf);
        var segment = Rule.Parse("electronics_buys >= 1 AND is_buyer", ProfileCatalog.Default.Catalog, store.Segments.Options()).Rule!;
        var profiles = store.Profiles(derived: [metric.Aggregates.Single().Definition]).ToList();
        var expected = profiles.Where(p => segment.Evaluate(p.Metrics.Where(m => m.Key != column).ToDictionary(), byUser.GetValueOrDefault(p.UserId) ?? [], clock) == TruthValue.True)
            .Select(p => p.UserId).ToList();
        Assert.True(expected.Count > 0 && expected.Count < profiles.Count, $"{expected.Count} of {profiles.Count}: the data should split it");
        Assert.Equal(expected, store.Segments.Members("electronics_fans", asOf));
        Assert.All(profiles, p => Assert.Equal(metric.ValueOf(p.Metrics.Where(m => m.Key != column).ToDictionary(), clock, byUser.GetValueOrDefault(p.UserId) ?? []), p.Metrics[column]));

        var removal = store.RemoveComputedMetric("electronics_buys");
        Assert.False(removal.Removed);
        Assert.Equal(["electronics_fans"], removal.ReadBy);
        Assert.Single(store.ComputedMetrics.List());

        store.Segments.Lifecycle.Archive("electronics_fans", "ana");
        Assert.True(store.RemoveComputedMetric("electronics_buys").Removed);
        Assert.Empty(store.ComputedMetrics.List());
        Assert.False(store.RemoveComputedMetric("electronics_buys").Removed);
    }
}
