using System.Diagnostics;
using Cdp.Host.Services;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;
using Cdp.Rules;
using Microsoft.Extensions.Options;

namespace Cdp.Benchmarks;

/// <summary>
/// The editor's preview of a rule whose aggregate no ETL run has computed: the aggregate computed over the lake on
/// demand and joined to the snapshot (first preview of that aggregate), then the same rule again (cached by the
/// aggregate's identity), and a rule whose aggregate has no window (every day of the lake read), against the preview of
/// a v1 rule on the same snapshot, all in the same run.
/// <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- preview-aggregates [EVENTS] [USERS]</c>
/// </summary>
public static class AggregatePreviewLatency
{
    public static async Task RunAsync(long events, int users, TextWriter output)
    {
        using var month = await GeneratedLake.CreateAsync("preview-aggregates", events, users);
        using (var store = EmbeddedStore.Open(month.Data, ProfileCatalog.Default))
        {
            new DuckDbEtl(store).Run(new DateOnly(2019, 10, 30));
        }

        using var workspace = new ProfileWorkspace(Options.Create(new CdpHostOptions { DataDirectory = month.Data }));
        var snapshot = workspace.Snapshot;
        var v1 = Rule.Parse("sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)", snapshot.Catalog).Rule!;
        var v2 = Rule.Parse("count(carts where category_code starts with 'electronics' in last 14d) >= 2 and count(purchases in last 14d) = 0", snapshot.Catalog).Rule!;

        // A keystroke's preview is steady state: the best of five; a first preview of new aggregates is cold by nature: once.
        var (baseline, baseCount) = Best(() => ColumnarTarget.Evaluate(v1, snapshot.Clock, snapshot.Table).Count);
        var (first, count) = Time(() => Preview(workspace, v2));
        var (again, countAgain) = Best(() => Preview(workspace, v2));
        var history = Rule.Parse("count(purchases where brand = 'apple') >= 2", snapshot.Catalog).Rule!;
        var (whole, wholeCount) = Time(() => Preview(workspace, history));
        if (count != countAgain)
        {
            throw new InvalidOperationException("the cached preview gave another count");
        }

        output.WriteLine(FormattableString.Invariant($"{snapshot.Table.RowCount:N0} profiles, {events:N0} events; v1 rule: {baseline.TotalMilliseconds:0} ms ({baseCount:N0} members)"));
        output.WriteLine(FormattableString.Invariant($"v2 rule, its 2 aggregates computed over the lake on demand: {first.TotalMilliseconds:0} ms ({count:N0} members), {first / baseline:0.0}x the v1 preview"));
        output.WriteLine(FormattableString.Invariant($"v2 rule again (cached by the aggregates' identity): {again.TotalMilliseconds:0} ms, {again / baseline:0.0}x the v1 preview"));
        output.WriteLine(FormattableString.Invariant($"v2 rule over all history (no window: every day of the lake read): {whole.TotalMilliseconds:0} ms ({wholeCount:N0} members), {whole / baseline:0.0}x the v1 preview"));
    }

    private static long Preview(ProfileWorkspace workspace, Rule rule)
    {
        var (table, catalog) = workspace.WithAggregates(rule);
        return ColumnarTarget.Evaluate(Rule.Parse(rule.Text, catalog).Rule!, workspace.Snapshot.Clock, table).Count;
    }

    private static (TimeSpan Time, long Count) Best(Func<long> run) => Enumerable.Range(0, 5).Select(_ => Time(run)).MinBy(t => t.Time);

    private static (TimeSpan Time, long Count) Time(Func<long> run)
    {
        var clock = Stopwatch.StartNew();
        var count = run();
        return (clock.Elapsed, count);
    }
}
