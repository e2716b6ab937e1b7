using System.Globalization;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using Cdp.Rules.Syntax;
using DuckDB.NET.Data;

namespace Cdp.Benchmarks;

/// <summary>
/// What v2 aggregates cost the ETL: the profile query over a generated month with the catalog's metrics alone (the
/// baseline), then with 1, 10 and 50 distinct aggregates of saved segments (counts, sums, averages, minima, maxima
/// and distinct counts over kinds, windows and WHEREs), each best of three in the same process, as a ratio to the
/// baseline. <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- etl-aggregates [EVENTS] [USERS]</c>
/// </summary>
public static class EtlAggregateCost
{
    public static async Task RunAsync(long events, int users, TextWriter output)
    {
        using var month = await GeneratedLake.CreateAsync("etl-aggregates", events, users);
        var asOf = new DateOnly(2019, 10, 30);
        var lake = month.Scan;
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();

        output.WriteLine(FormattableString.Invariant($"| distinct aggregates | profile query (best of 3) | ratio to the catalog alone |"));
        output.WriteLine("|---:|---:|---:|");
        TimeSpan? baseline = null;
        foreach (var count in new[] { 0, 1, 10, 50 })
        {
            var derived = Aggregates(count);
            var query = ProfileQuery.Build(ProfileCatalog.Default, SqlDialect.DuckDb, asOf, lake, derived);
            var time = EtlThroughput.Best(() => EtlThroughput.Count(connection, query.Text, query.Parameters.Select(p => p.Value)));
            baseline ??= time;
            output.WriteLine(FormattableString.Invariant($"| {count} | {time.TotalSeconds:0.000} s | {time / baseline.Value:0.00} |"));
        }
    }

    /// <summary>Distinct aggregates of the kinds marketers write, each from a rule of its own.</summary>
    private static IReadOnlyList<(DerivedMetric, AggregateNode)> Aggregates(int count)
    {
        string[] shapes =
        [
            "count(purchases in last {0}d)",
            "sum(price of purchases where category_code starts with 'electronics' in last {0}d)",
            "count(carts where brand = 'samsung' in last {0}d)",
            "count(distinct user_session of events in last {0}d)",
            "avg(price of views in last {0}d)",
            "max(price of carts where price > 10 in last {0}d)",
            "min(brand of views in last {0}d)",
            "last(purchases since now() - {0}d)",
        ];
        var rules = Enumerable.Range(0, count).Select(i =>
            Rule.Parse(string.Format(CultureInfo.InvariantCulture, shapes[i % shapes.Length], 1 + i) + " IS NOT NULL", ProfileCatalog.Default.Catalog).Rule!);
        var distinct = AggregateColumns.Of(rules);
        return distinct.Count == count ? distinct : throw new InvalidOperationException($"expected {count} distinct aggregates, made {distinct.Count}");
    }
}
