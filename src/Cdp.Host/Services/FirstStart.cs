using Cdp.Host.Cli;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Scheduling;
using Cdp.Pipeline.Store;

namespace Cdp.Host.Services;

/// <summary>
/// What <c>cdp serve</c> does on a fresh machine: a realistic month of events from the project's own
/// generator (October 2019, as the public data set), ingested into the lake, a few example segments, and
/// the profiles and segments computed for the last week of the month, so that size-over-time charts have
/// days to show. Every step reports its progress; a folder that already has events is left as it is.
/// </summary>
internal static class FirstStart
{
    public static readonly (string Name, string Rule, string Description)[] ExampleSegments =
    [
        ("engaged_shoppers", "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)", "active this week and either carting or spending"),
        ("lapsed_buyers", "is_buyer AND days_since_last_event > 14", "bought once, quiet for two weeks"),
        ("big_spenders", "spend_30d >= 500", "500 or more spent in 30 days"),
        ("window_shoppers", "views_30d >= 20 AND purchases_30d = 0", "many views, no purchase"),
    ];

    /// <summary>
    /// The month first start generates: 1,000,000 events of 50,000 customers in October 2019, or as many as
    /// <c>CDP_SAMPLE_EVENTS</c> and <c>CDP_SAMPLE_USERS</c> say (a quick look, or the README's own test).
    /// </summary>
    public static GeneratorOptions Sample(IConfiguration configuration) => new(
        Count(configuration, "CDP_SAMPLE_EVENTS", 1_000_000), (int)Count(configuration, "CDP_SAMPLE_USERS", 50_000), 31, new DateOnly(2019, 10, 1), 1);

    private static long Count(IConfiguration configuration, string name, long fallback) =>
        configuration[name] is not { } text ? fallback
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 100_000_000 ? count
        : throw new InvalidOperationException($"{name} is a whole number from 1 to 100,000,000, not `{text}`");

    public static async Task PrepareAsync(string dataDirectory, GeneratorOptions sample, int profileDays, TextWriter log)
    {
        if (EventLakeReader.Dates(dataDirectory).Count > 0)
        {
            return;
        }

        log.WriteLine($"cdp: first start: preparing a month of sample events in {dataDirectory}");
        var source = Path.Combine(dataDirectory, "sample", $"events-{sample.Start:yyyy-MM}.csv.gz");
        var generator = new EventGenerator(sample);
        log.WriteLine($"generate: {generator}");
        generator.WriteFile(source, new ProgressBar(log, sample.Events));
        log.WriteLine();
        log.WriteLine("ingest: the events into the lake");
        var ingested = await EmbeddedIngest.RunAsync(source, dataDirectory, new ProgressBar(log, sample.Events));
        log.WriteLine();
        log.WriteLine($"ingest: accepted={ingested.Accepted} rejected={ingested.Rejected}");

        using var store = EmbeddedStore.Open(dataDirectory, ProfileCatalog.Default);
        foreach (var (name, rule, description) in ExampleSegments)
        {
            var (_, diagnostics) = store.Segments.Save(name, rule, description, "cdp");
            if (diagnostics.Count > 0)
            {
                throw new InvalidOperationException($"example segment {name}: {string.Join("; ", diagnostics)}");
            }
        }

        var last = sample.Start.AddDays(sample.Days - 1);
        var days = Enumerable.Range(0, profileDays).Select(i => last.AddDays(i - profileDays + 1)).ToList();
        // In the run history, as any run; a backfill: the days before the last evaluate the segments, the last keeps the profiles.
        var runner = EtlRunner.Embedded(dataDirectory, ProfileCatalog.Default, maxAttempts: 1, keepsProfiles: day => day == last);
        foreach (var (day, index) in days.Select((d, i) => (d, i)))
        {
            log.WriteLine($"etl: {(day == last ? "profiles and segments" : "segments")} as of {day:yyyy-MM-dd} ({index + 1}/{days.Count})");
            var run = await runner.RunAsync(day, "first start");
            if (run.Status != EtlRunStatus.Succeeded)
            {
                throw new InvalidOperationException($"the first ETL run as of {day:yyyy-MM-dd} {run.Status}: {run.Error}");
            }
        }

        log.WriteLine($"cdp: ready: {store.Explorer.ProfileCount():N0} profiles as of {last:yyyy-MM-dd}");
    }
}
