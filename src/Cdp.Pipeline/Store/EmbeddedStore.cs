using System.Globalization;
using Cdp.Pipeline.Activation;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Catalog;
using Cdp.Pipeline.Store.Explore;
using Cdp.Pipeline.Store.Segments;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Store;

/// <summary>
/// The embedded profile store: one DuckDB file, <c>DATA/profiles.duckdb</c>, holding the daily aggregates, the
/// profiles as of one day, and the segments with their versions, evaluations and members. <see cref="Open"/>
/// creates its tables once (a process opens it once); <see cref="Connect"/> gives each caller a connection of its
/// own to the same database, without DDL. Stored profiles change only through <see cref="ReplaceProfiles"/>:
/// atomically, with the segments' evaluation in the same transaction.
/// </summary>
public sealed class EmbeddedStore : IDisposable
{
    /// <summary>The table new profiles are built in before they replace the stored ones.</summary>
    internal const string Incoming = "profiles_incoming";

    /// <summary>
    /// The key in <c>etl_state</c> of what the stored profiles were combined from (the ETL's partials, as of their day):
    /// every replacement of the profiles removes it, and the ETL writes it again, in the same transaction, when it combined them.
    /// </summary>
    internal const string CombinedFrom = "profiles_combined_from";

    private EmbeddedStore(string dataDirectory, ProfileCatalog catalog)
    {
        DataDirectory = dataDirectory;
        Catalog = catalog;
        Connection = new DuckDBConnection($"DataSource={Path.Combine(dataDirectory, "profiles.duckdb")}");
        Connection.Open();
        ComputedMetrics = new ComputedMetricStore(Connection, catalog);
        Activation = new ActivationStore(Connection);
        Segments = new SegmentStore(Connection, catalog.Catalog, ComputedMetrics, Activation);
        Explorer = new ProfileExplorer(Connection, catalog, dataDirectory);
    }

    /// <summary>Opens (or creates) the store of a data folder and its tables.</summary>
    public static EmbeddedStore Open(string dataDirectory, ProfileCatalog catalog)
    {
        Directory.CreateDirectory(dataDirectory);
        var store = new EmbeddedStore(dataDirectory, catalog);
        try
        {
            store.Connection.Execute("""
                CREATE TABLE IF NOT EXISTS daily_aggregates (
                  user_id BIGINT, event_date DATE, events BIGINT, views BIGINT, carts BIGINT, removes BIGINT, purchases BIGINT,
                  spend DECIMAL(18,2), sessions BIGINT, first_event_at TIMESTAMP, last_event_at TIMESTAMP);
                CREATE TABLE IF NOT EXISTS etl_days (event_date DATE PRIMARY KEY, signature VARCHAR, built_at TIMESTAMP);
                CREATE TABLE IF NOT EXISTS etl_state (key VARCHAR PRIMARY KEY, value VARCHAR);
                """);
            SegmentStore.CreateSchema(store.Connection);
            ComputedMetricStore.CreateSchema(store.Connection);
            ActivationStore.CreateSchema(store.Connection);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The outbox of membership changes on a connection of its own (the delivery worker's, for one pass): no tables are created.</summary>
    public ActivationStore ConnectOutbox()
    {
        var connection = new DuckDBConnection($"DataSource={Path.Combine(DataDirectory, "profiles.duckdb")}");
        connection.Open();
        return new ActivationStore(connection, ownsConnection: true);
    }

    /// <summary>Another connection to this store's database, for one request or one piece of work: no tables are created.</summary>
    public EmbeddedStore Connect() => new(DataDirectory, Catalog);

    public string DataDirectory { get; }

    public ProfileCatalog Catalog { get; }

    internal DuckDBConnection Connection { get; }

    /// <summary>Queries for the web app: pages of profiles, a customer's days and events, the dashboard.</summary>
    public ProfileExplorer Explorer { get; }

    /// <summary>The segments kept beside the profiles; every replacement of the profiles evaluates them as of its day.</summary>
    public SegmentStore Segments { get; }

    /// <summary>Destinations and the outbox of membership changes each evaluation writes for them.</summary>
    public ActivationStore Activation { get; }

    /// <summary>The computed metrics editors defined (v2): with the catalog's, what rules may name.</summary>
    public ComputedMetricStore ComputedMetrics { get; }

    /// <summary>
    /// Removes a computed metric unless a live segment names it: then nothing changes and the answer names them. False
    /// with no readers when there is no metric of that name.
    /// </summary>
    public (bool Removed, IReadOnlyList<string> ReadBy) RemoveComputedMetric(string name)
    {
        var readers = Segments.ReadersOfMetric(name);
        return readers.Count > 0 ? (false, readers) : (ComputedMetrics.Remove(name), []);
    }

    /// <summary>
    /// The checked rules whose aggregates every run computes (v2): the saved segments' and the computed metrics'
    /// expressions. Each distinct aggregate is one column however many of them read it.
    /// </summary>
    public IReadOnlyList<Rule> RulesToCompute() => [.. Segments.Rules(), .. ComputedMetrics.Expressions()];

    /// <summary>The as-of date of the stored profiles, if any.</summary>
    public DateOnly? ProfilesAsOf =>
        Connection.Scalar("SELECT value FROM etl_state WHERE key = 'profiles_as_of'") is string text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    /// <summary>How many daily aggregate rows and profiles the store holds.</summary>
    public (long DailyRows, long Profiles) Counts() => (
        Convert.ToInt64(Connection.Scalar("SELECT count(*) FROM daily_aggregates"), CultureInfo.InvariantCulture),
        Convert.ToInt64(Connection.Scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'profiles'"), CultureInfo.InvariantCulture) == 0
            ? 0
            : Convert.ToInt64(Connection.Scalar("SELECT count(*) FROM profiles"), CultureInfo.InvariantCulture));

    /// <summary>The stored profiles, ordered by user_id, as rows of the catalog's types (and the v2 <paramref name="derived"/> columns the table holds).</summary>
    public IEnumerable<ProfileRow> Profiles(long? userId = null, IEnumerable<MetricDefinition>? derived = null)
    {
        using var command = userId is { } id
            ? Connection.Command("SELECT * FROM profiles WHERE user_id = $1 ORDER BY user_id", id)
            : Connection.Command("SELECT * FROM profiles ORDER BY user_id");

        using var reader = command.ExecuteReader();
        foreach (var row in DuckDbProfileReader.ReadRows(reader, Catalog, derived))
        {
            yield return row;
        }
    }

    /// <summary>Writes the profiles as the CSV that <c>rules eval --profiles</c> reads.</summary>
    public long Export(TextWriter writer)
    {
        ProfileCsvWriter.WriteHeader(writer, Catalog);
        long rows = 0;
        foreach (var profile in Profiles())
        {
            ProfileCsvWriter.WriteRow(writer, profile, Catalog);
            rows++;
        }

        return rows;
    }

    /// <summary>
    /// Replaces the stored profiles with ones computed elsewhere (a Spark job's Parquet table) as of
    /// <paramref name="asOf"/>, and evaluates every segment on them: the web app then shows them as it shows
    /// the embedded ETL's. The daily aggregates stay those of the embedded ETL, if any. The profiles are read
    /// whole into a table of their own first; only then, in one transaction with the segments' evaluation,
    /// do they take the place of the stored ones, so a file that cannot be read changes nothing.
    /// </summary>
    /// <param name="membershipParquet">The segment members the cluster computed for that day (the Spark segment job's partition); none, evaluated here.</param>
    public long LoadProfiles(IEnumerable<ProfileRow> profiles, DateOnly asOf, IReadOnlyList<string>? membershipParquet = null)
    {
        long rows = 0;
        ReplaceProfiles(asOf, () =>
        {
            Connection.Execute(ProfileColumns.CreateTable(SqlDialect.DuckDb, Incoming, Catalog.Catalog.Metrics));
            rows = DuckDbProfileWriter.Append(Connection, Incoming, Catalog.Catalog, profiles);
        },
        () =>
        {
            if (membershipParquet is null)
            {
                Segments.Evaluate(asOf);
            }
            else
            {
                Segments.ImportMembership(asOf, membershipParquet);
            }
        });
        return rows;
    }

    /// <summary>Evaluates the segments (or one) on the stored profiles, in one transaction: all of it is kept, or none.</summary>
    public void EvaluateSegments(DateOnly asOf, string? only = null) => Connection.InTransaction(() => Segments.Evaluate(asOf, only: only));

    /// <summary>
    /// The one way stored profiles change: <paramref name="build"/> fills the <see cref="Incoming"/> table, which then
    /// takes the place of <c>profiles</c>, the as-of day and the segments' evaluation following, all in one
    /// transaction; on any failure (of the build too) nothing of it is kept.
    /// </summary>
    internal void ReplaceProfiles(DateOnly asOf, Action build, Action evaluateSegments)
    {
        Connection.Execute($"DROP TABLE IF EXISTS {Incoming}");
        try
        {
            build();
            Connection.InTransaction(() =>
            {
                Connection.Execute($"DROP TABLE IF EXISTS profiles; ALTER TABLE {Incoming} RENAME TO profiles;");
                Connection.Execute($"INSERT OR REPLACE INTO etl_state VALUES ('profiles_as_of', '{asOf:yyyy-MM-dd}')");
                Connection.Execute("DELETE FROM etl_state WHERE key = $1", CombinedFrom);
                evaluateSegments();
            });
        }
        finally
        {
            Connection.Execute($"DROP TABLE IF EXISTS {Incoming}");
        }
    }

    public void Dispose() => Connection.Dispose();
}
