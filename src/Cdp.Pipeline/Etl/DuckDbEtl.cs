using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;
using Cdp.Rules;

namespace Cdp.Pipeline.Etl;

/// <summary>The outcome of an ETL run.</summary>
public sealed record EtlResult(DateOnly AsOf, int DaysBuilt, long DailyRows, long Profiles);

/// <summary>
/// The embedded ETL: DuckDB in process over the Parquet lake, writing into the <see cref="EmbeddedStore"/> of the
/// same data folder. Daily aggregates are built for every lake day up to D whose files changed since it was last
/// built (re-running a day replaces it); the profile metrics are computed as of D for every customer with an
/// event on or before D, by the query <see cref="ProfileQuery"/> generates from the catalog, and replace the
/// stored profiles with the segments' evaluation, atomically.
/// </summary>
public sealed class DuckDbEtl(EmbeddedStore store)
{
    private string Lake(DateOnly? date = null) => LakeScan.Sql(store.DataDirectory, date);

    /// <summary>Builds what D needs; <paramref name="progress"/> hears each step.</summary>
    public EtlResult Run(DateOnly asOf, IProgress<string>? progress = null)
    {
        LakeStaging.Recover(store.DataDirectory); // an ingest that stopped half-way is not read; one that was complete is finished
        var connection = store.Connection;
        var days = EventLakeReader.Dates(store.DataDirectory).ToDictionary(d => d, Signature);
        var built = 0;
        foreach (var (date, signature) in days.Where(d => d.Key <= asOf).OrderBy(d => d.Key))
        {
            if (connection.Scalar($"SELECT signature FROM etl_days WHERE event_date = DATE '{date:yyyy-MM-dd}'") as string == signature)
            {
                continue;
            }

            progress?.Report($"daily aggregates {date:yyyy-MM-dd}");
            connection.Execute($"""
                BEGIN TRANSACTION;
                DELETE FROM daily_aggregates WHERE event_date = DATE '{date:yyyy-MM-dd}';
                INSERT INTO daily_aggregates {DailyAggregateQuery.Build(Lake(date), date)};
                INSERT OR REPLACE INTO etl_days VALUES (DATE '{date:yyyy-MM-dd}', '{signature}', now());
                COMMIT;
                """);
            built++;
        }

        var query = ProfilesQuery(asOf, days, progress);
        progress?.Report($"profiles as of {asOf:yyyy-MM-dd}");
        store.ReplaceProfiles(asOf,
            build: () =>
            {
                using var command = connection.Command($"CREATE TABLE {EmbeddedStore.Incoming} AS " + query.Text, query.Parameters.Select(p => p.Value));
                command.ExecuteNonQuery();
                progress?.Report($"segments as of {asOf:yyyy-MM-dd}");
            },
            evaluateSegments: () => store.Segments.Evaluate(asOf));
        var (dailyRows, profiles) = store.Counts();
        return new EtlResult(asOf, built, dailyRows, profiles);
    }

    /// <summary>
    /// The profiles as of D: combined from the per-day partial aggregates (brought up to date first: only days whose lake
    /// files changed are built), or, when the catalog has a filter that reads the clock or no lake day is that early,
    /// computed from the events as before.
    /// </summary>
    private SqlQuery ProfilesQuery(DateOnly asOf, Dictionary<DateOnly, string> days, IProgress<string>? progress)
    {
        var derived = AggregateColumns.Of(store.RulesToCompute());
        if (!days.Keys.Any(d => d <= asOf) || !CatalogCombinesFromDays(store.Catalog))
        {
            return ProfileQuery.Build(store.Catalog, SqlDialect.DuckDb, asOf, Lake(), derived);
        }

        var plan = PartialPlan.For(store.Catalog, [.. derived.Where(d => DayWindow.CombinesFromDays(d.Node))]);
        var connection = store.Connection;
        PartialDays.CreateSchema(connection);
        new PartialDays(connection).Update([.. plan.Sets()], days, asOf, dates => LakeScan.Sql(store.DataDirectory, dates), progress);
        var fromEvents = derived.Where(d => !DayWindow.CombinesFromDays(d.Node)).ToList();
        return CombinedProfileQuery.Build(store.Catalog, asOf, plan, fromEvents, Lake());
    }

    private static bool CatalogCombinesFromDays(ProfileCatalog catalog) =>
        catalog.Declarations.All(d => d.Filter is null || !DayWindow.ReadsClock(Rule.ParseSyntax(d.Filter).Syntax));

    private string Signature(DateOnly date) =>
        string.Join(';', EventLakeReader.Files(store.DataDirectory, date).Select(f => $"{Path.GetFileName(f)}:{new FileInfo(f).Length}:{File.GetLastWriteTimeUtc(f).Ticks}"));
}
