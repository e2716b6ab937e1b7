using System.Globalization;
using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;
using Cdp.Rules;

namespace Cdp.Pipeline.Etl;

/// <summary>The outcome of an ETL run.</summary>
public sealed record EtlResult(DateOnly AsOf, int DaysBuilt, long DailyRows, long Profiles);

/// <summary>
/// The embedded ETL: DuckDB in process over the Parquet lake, writing into the <see cref="EmbeddedStore"/> of the
/// same data folder. The daily aggregates and the per-day partial aggregates (<see cref="PartialDays"/>) are built for
/// every lake day up to D whose files changed since they were last built; the profile metrics as of D (and the v2
/// aggregates the saved rules read) are combined from the partials (<see cref="CombinedProfileQuery"/>), again only for
/// the customers whose values can have changed since the stored profiles' day, and replace the stored profiles with the
/// segments' evaluation, atomically. docs/etl.md says what is promised and how it is tested.
/// </summary>
public sealed class DuckDbEtl(EmbeddedStore store)
{
    private string Lake(DateOnly? date = null) => LakeScan.Sql(store.DataDirectory, date);

    /// <summary>Builds what D needs; <paramref name="progress"/> hears each step.</summary>
    /// <param name="asOf">The day D.</param>
    /// <param name="progress">Hears each step.</param>
    /// <param name="keepProfiles">
    /// False for a day inside a backfill (every day but its last): the segments are evaluated as of D on profiles that
    /// hold only the columns they read, with every customer, and the stored profiles stay as they are; the backfill's
    /// last day replaces them. What a day leaves behind, its daily aggregates, partials, memberships and evaluations, is
    /// the same either way.
    /// </param>
    public EtlResult Run(DateOnly asOf, IProgress<string>? progress = null, bool keepProfiles = true)
    {
        LakeStaging.Recover(store.DataDirectory); // an ingest that stopped half-way is not read; one that was complete is finished
        var connection = store.Connection;
        var days = EventLakeReader.Dates(store.DataDirectory).ToDictionary(d => d, Signature);
        var built = BuildDailyAggregates(days.Where(d => d.Key <= asOf), progress);
        if (!keepProfiles)
        {
            return EvaluateOnly(asOf, days, built, progress);
        }

        var (query, combinedFrom) = ProfilesQuery(asOf, days, progress);
        progress?.Report($"profiles as of {asOf:yyyy-MM-dd}");
        store.ReplaceProfiles(asOf,
            build: () =>
            {
                using var command = connection.Command($"CREATE TABLE {EmbeddedStore.Incoming} AS " + query.Text, query.Parameters.Select(p => p.Value));
                command.ExecuteNonQuery();
                progress?.Report($"segments as of {asOf:yyyy-MM-dd}");
            },
            evaluateSegments: () =>
            {
                store.Segments.Evaluate(asOf);
                if (combinedFrom is not null)
                {
                    connection.Execute("INSERT OR REPLACE INTO etl_state VALUES ($1, $2)", EmbeddedStore.CombinedFrom, combinedFrom);
                }
            });
        var (dailyRows, profiles) = store.Counts();
        return new EtlResult(asOf, built, dailyRows, profiles);
    }

    /// <summary>
    /// A day inside a backfill: the profiles as of D with only the columns the segments read go to a temporary table, the
    /// segments are evaluated on it (in one transaction), and it is dropped.
    /// </summary>
    private EtlResult EvaluateOnly(DateOnly asOf, Dictionary<DateOnly, string> days, int built, IProgress<string>? progress)
    {
        const string Narrow = "backfill_profiles";
        var connection = store.Connection;
        var only = ColumnsRead.Of(store.Catalog, store.Segments.Rules());
        var (query, _) = ProfilesQuery(asOf, days, progress, only);
        progress?.Report($"profiles as of {asOf:yyyy-MM-dd}, the {only.Count} columns the segments read (a day inside a backfill)");
        connection.Execute($"DROP TABLE IF EXISTS {Narrow}");
        try
        {
            using (var command = connection.Command($"CREATE TEMP TABLE {Narrow} AS " + query.Text, query.Parameters.Select(p => p.Value)))
            {
                command.ExecuteNonQuery();
            }

            progress?.Report($"segments as of {asOf:yyyy-MM-dd}");
            connection.InTransaction(() => store.Segments.Evaluate(asOf, Narrow));
            var profiles = Convert.ToInt64(connection.Scalar($"SELECT count(*) FROM {Narrow}"), CultureInfo.InvariantCulture);
            return new EtlResult(asOf, built, store.Counts().DailyRows, profiles);
        }
        finally
        {
            connection.Execute($"DROP TABLE IF EXISTS {Narrow}");
        }
    }

    /// <summary>The daily aggregates of every day whose lake files changed since it was built: one scan, one transaction.</summary>
    private int BuildDailyAggregates(IEnumerable<KeyValuePair<DateOnly, string>> days, IProgress<string>? progress)
    {
        var connection = store.Connection;
        var stale = days.Where(d => connection.Scalar("SELECT signature FROM etl_days WHERE event_date = $1", d.Key) as string != d.Value).OrderBy(d => d.Key).ToList();
        if (stale.Count == 0)
        {
            return 0;
        }

        progress?.Report(stale.Count == 1 ? $"daily aggregates {stale[0].Key:yyyy-MM-dd}" : $"daily aggregates {stale[0].Key:yyyy-MM-dd} to {stale[^1].Key:yyyy-MM-dd}, {stale.Count} days");
        var list = string.Join(", ", stale.Select(d => DayPartialQuery.Day(d.Key)));
        connection.InTransaction(() =>
        {
            connection.Execute($"DELETE FROM daily_aggregates WHERE event_date IN ({list})");
            connection.Execute($"INSERT INTO daily_aggregates {DailyAggregateQuery.Build(LakeScan.Sql(store.DataDirectory, stale.Select(d => d.Key)))}");
            foreach (var (date, signature) in stale)
            {
                connection.Execute("INSERT OR REPLACE INTO etl_days VALUES ($1, $2, now())", date, signature);
            }
        });
        return stale.Count;
    }

    /// <summary>
    /// The profiles as of D: combined from the per-day partial aggregates (brought up to date first: only days whose lake
    /// files changed are built), or, when the catalog has a filter that reads the clock or no lake day is that early,
    /// computed from the events as before. When the stored profiles were combined by the same plan from the same
    /// partials up to their day, only the customers whose values can have changed since are combined again. Also gives
    /// what to record as the new profiles' origin (null when they are not combined, or narrowed to <paramref name="only"/>'s
    /// columns for a day inside a backfill: those are combined whole and never stored).
    /// </summary>
    private (SqlQuery Query, string? CombinedFrom) ProfilesQuery(DateOnly asOf, Dictionary<DateOnly, string> days, IProgress<string>? progress,
        IReadOnlySet<string>? only = null)
    {
        var derived = AggregateColumns.Of(store.RulesToCompute());
        if (!days.Keys.Any(d => d <= asOf) || !CatalogCombinesFromDays(store.Catalog))
        {
            return (ProfileQuery.Build(store.Catalog, SqlDialect.DuckDb, asOf, Lake(), derived), null);
        }

        var plan = PartialPlan.For(store.Catalog, [.. derived.Where(d => DayWindow.CombinesFromDays(d.Node))]);
        var connection = store.Connection;
        PartialDays.CreateSchema(connection);
        var partials = new PartialDays(connection);
        var sets = plan.Sets().ToList();
        partials.Update(sets, days, asOf, dates => LakeScan.Sql(store.DataDirectory, dates), progress);
        var fromEvents = derived.Where(d => !DayWindow.CombinesFromDays(d.Node)).ToList();
        if (only is not null)
        {
            return (CombinedProfileQuery.Build(store.Catalog, asOf, plan, fromEvents, Lake(), narrowTo: only), null);
        }

        // The stored profiles' origin, if the ETL combined them: their day, and a digest of the plan and of every partial day up to it.
        var planText = string.Join("\n", [.. store.Catalog.Declarations.Select(d => d.ToString()), .. sets.Select(s => s.Definition), .. plan.Aggregates.Select(a => a.Name)]);
        DateOnly? previous = null;
        if (connection.Scalar("SELECT value FROM etl_state WHERE key = $1", EmbeddedStore.CombinedFrom) is string stored
            && stored.Split(' ', 2) is [var day, _]
            && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var before)
            && before <= asOf
            && stored == partials.Digest(planText, before))
        {
            previous = before;
            progress?.Report($"profiles as of {before:yyyy-MM-dd} kept for the customers with no event on a day that came or left a window since");
        }

        return (CombinedProfileQuery.Build(store.Catalog, asOf, plan, fromEvents, Lake(), previous), partials.Digest(planText, asOf));
    }

    private static bool CatalogCombinesFromDays(ProfileCatalog catalog) =>
        catalog.Declarations.All(d => d.Filter is null || !DayWindow.ReadsClock(Rule.ParseSyntax(d.Filter).Syntax));

    private string Signature(DateOnly date) =>
        string.Join(';', EventLakeReader.Files(store.DataDirectory, date).Select(f => $"{Path.GetFileName(f)}:{new FileInfo(f).Length}:{File.GetLastWriteTimeUtc(f).Ticks}"));
}
