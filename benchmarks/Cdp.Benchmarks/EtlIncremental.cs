using System.Diagnostics;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;
using Cdp.Pipeline;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Benchmarks;

/// <summary>
/// The incremental ETL against a full run, in one process on one generated month (30 days, seed 1, two saved segments,
/// one of them with a v2 aggregate): (1) a full run as of day 30 on a store with no partials (what the first run, or a
/// new catalog, costs); (2) with days 1-29 built by a run as of day 29, day 30's events ingested and the run as of day
/// 30 (the daily run); (3) a backfill: runs as of days 1, 2, ..., 30 in turn on a new store. Then the profile query
/// over the events (what every run computed before) against the query over the partials, materialised, best of three.
/// <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- etl-incremental [EVENTS] [USERS]</c>; with
/// <c>CDP_TRACE=1</c> the full run and the daily run print each step with the seconds since the start.
/// </summary>
public static class EtlIncremental
{
    private static readonly (string Name, string Rule)[] Segments =
    [
        ("engaged", "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)"),
        ("apple_buyers", "count(purchases where brand = 'apple' in last 30d) >= 1"),
    ];

    public static async Task RunAsync(long events, int users)
    {
        var work = Path.Combine(Path.GetTempPath(), "cdp-etl-incremental-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var start = new DateOnly(2019, 10, 1);
            var last = start.AddDays(29);
            var generator = new EventGenerator(new GeneratorOptions(events, users, 30, start, 1));
            var early = Path.Combine(work, "days-1-29.csv");
            var lastDay = Path.Combine(work, "day-30.csv");
            Directory.CreateDirectory(work);
            WriteSplit(generator, last, early, lastDay);

            // The month in three data folders: the daily run, the full run, the backfill.
            var daily = Path.Combine(work, "daily");
            var full = Path.Combine(work, "full");
            var backfill = Path.Combine(work, "backfill");
            foreach (var data in new[] { daily, full, backfill })
            {
                await EmbeddedIngest.RunAsync(early, data);
            }

            foreach (var data in new[] { full, backfill })
            {
                await EmbeddedIngest.RunAsync(lastDay, data);
            }

            Report($"{events:N0} events of {users:N0} users over 30 days ({start:yyyy-MM-dd} to {last:yyyy-MM-dd}); segments: {string.Join("; ", Segments.Select(s => s.Rule))}");

            var fullTime = Time(full, store => new DuckDbEtl(store).Run(last, Trace), out var fullResult);
            Report($"full run as of day 30 (no partials yet): {fullTime.TotalSeconds:0.00} s, {fullResult.Profiles:N0} profiles");

            Time(daily, store => new DuckDbEtl(store).Run(last.AddDays(-1)), out _);
            var ingest = Stopwatch.StartNew();
            await EmbeddedIngest.RunAsync(lastDay, daily);
            ingest.Stop();
            var dailyTime = Time(daily, store => new DuckDbEtl(store).Run(last, Trace), out var dailyResult);
            Report($"run as of day 30 after a run as of day 29 and day 30's ingest ({ingest.Elapsed.TotalSeconds:0.00} s, not counted): {dailyTime.TotalSeconds:0.00} s, {dailyResult.Profiles:N0} profiles; ratio to the full run {dailyTime / fullTime:0.000} (goal: at most 0.25)");

            var backfillClock = Stopwatch.StartNew();
            var slowest = TimeSpan.Zero;
            for (var day = start; day <= last; day = day.AddDays(1))
            {
                var keep = day == last; // as `cdp etl --from --to` does: the days before the last evaluate the segments only
                var one = Time(backfill, store => new DuckDbEtl(store).Run(day, Trace, keepProfiles: keep), out _);
                slowest = one > slowest ? one : slowest;
            }

            backfillClock.Stop();
            Report($"backfill, runs as of each of the 30 days in turn: {backfillClock.Elapsed.TotalSeconds:0.00} s (slowest run {slowest.TotalSeconds:0.00} s); ratio to the full run {backfillClock.Elapsed / fullTime:0.00} (goal: at most 2)");

            // The backfill's memberships of days 29 and 30 against the daily store's (full profiles both days there).
            var (ofBackfill, ofDaily) = (Sizes(backfill), Sizes(daily));
            foreach (var day in new[] { last.AddDays(-1), last })
            {
                if (ofBackfill[day] != ofDaily[day])
                {
                    throw new InvalidOperationException($"as of {day:yyyy-MM-dd} the backfill's segments hold {ofBackfill[day]}, the daily runs' {ofDaily[day]}");
                }
            }

            Report($"segment sizes as of day 29 and 30, the backfill's and the daily runs' alike: {ofBackfill[last.AddDays(-1)]}; {ofBackfill[last]}");

            CompareQueries(full, last);
            Report($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The profile query over the events against the one over the partials, on the full run's store.</summary>
    private static void CompareQueries(string data, DateOnly asOf)
    {
        using var store = EmbeddedStore.Open(data, ProfileCatalog.Default);
        var derived = AggregateColumns.Of(store.RulesToCompute());
        var fromEvents = ProfileQuery.Build(ProfileCatalog.Default, SqlDialect.DuckDb, asOf, LakeScan.Sql(data), derived);
        var combined = CombinedProfileQuery.Build(ProfileCatalog.Default, asOf, PartialPlan.For(ProfileCatalog.Default, derived), [], LakeScan.Sql(data));
        store.Dispose();

        using var connection = new DuckDBConnection($"DataSource={Path.Combine(data, "profiles.duckdb")}");
        connection.Open();
        var eventsTime = EtlThroughput.Best(() => EtlThroughput.Count(connection, fromEvents.Text, fromEvents.Parameters.Select(p => p.Value)));
        var combinedTime = EtlThroughput.Best(() => EtlThroughput.Count(connection, combined.Text, combined.Parameters.Select(p => p.Value)));
        Report($"profile query over the events: {eventsTime.TotalSeconds:0.000} s; over the partials: {combinedTime.TotalSeconds:0.000} s; ratio {combinedTime / eventsTime:0.00}");
    }

    /// <summary>Every day's segment sizes in a store, as text.</summary>
    private static Dictionary<DateOnly, string> Sizes(string data)
    {
        using var store = EmbeddedStore.Open(data, ProfileCatalog.Default);
        return store.Connection.Rows(
                "SELECT as_of, name || '=' || count(*) FROM segment_membership GROUP BY as_of, name ORDER BY as_of, name",
                reader => (Day: reader.GetFieldValue<DateOnly>(0), Size: reader.GetString(1)))
            .GroupBy(r => r.Day)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => r.Size)));
    }

    private static TimeSpan Time(string data, Func<EmbeddedStore, EtlResult> run, out EtlResult result)
    {
        var clock = Stopwatch.StartNew();
        Trace?.Report("open");
        using (var store = EmbeddedStore.Open(data, ProfileCatalog.Default))
        {
            foreach (var (name, rule) in Segments)
            {
                if (store.Segments.Find(name) is null)
                {
                    store.Segments.Save(name, rule, "", "benchmark");
                }
            }

            result = run(store);
            Trace?.Report("ran");
        }

        clock.Stop();
        return clock.Elapsed;
    }

    private static void WriteSplit(EventGenerator generator, DateOnly lastDay, string early, string last)
    {
        using var before = new StreamWriter(early);
        using var after = new StreamWriter(last);
        foreach (var writer in new[] { before, after })
        {
            writer.Write(EventCsvFormat.Header);
            writer.Write('\n');
        }

        foreach (var e in generator.Generate())
        {
            EventCsvFormat.Write(DateOnly.FromDateTime(e.EventTime) < lastDay ? before : after, e);
        }
    }

    private static readonly Stopwatch Since = Stopwatch.StartNew();
    private static readonly IProgress<string>? Trace = Environment.GetEnvironmentVariable("CDP_TRACE") is null ? null : new Progress();

    private sealed class Progress : IProgress<string>
    {
        public void Report(string value) => Console.WriteLine($"  {Since.Elapsed.TotalSeconds:0.000} {value}");
    }

    private static void Report(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));
}
