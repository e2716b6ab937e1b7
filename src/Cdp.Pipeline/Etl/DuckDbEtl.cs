using System.Globalization;
using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Etl;

/// <summary>The outcome of an ETL run.</summary>
public sealed record EtlResult(DateOnly AsOf, int DaysBuilt, long DailyRows, long Profiles);

/// <summary>
/// The embedded ETL: DuckDB in process over the Parquet lake, results in <c>DATA/profiles.duckdb</c>.
/// Daily aggregates are built for every lake day up to D whose files changed since it was last built
/// (re-running a day replaces it); the profile metrics are computed as of D for every customer with an
/// event on or before D, by the query <see cref="ProfileQuery"/> generates from the catalog.
/// </summary>
public sealed class DuckDbEtl : IDisposable
{
    private readonly string _dataDirectory;
    private readonly ProfileCatalog _catalog;
    private readonly DuckDBConnection _connection;

    public DuckDbEtl(string dataDirectory, ProfileCatalog catalog)
    {
        _dataDirectory = dataDirectory;
        _catalog = catalog;
        Directory.CreateDirectory(dataDirectory);
        _connection = new DuckDBConnection($"DataSource={Path.Combine(dataDirectory, "profiles.duckdb")}");
        _connection.Open();
        _connection.Execute("""
            CREATE TABLE IF NOT EXISTS daily_aggregates (
              user_id BIGINT, event_date DATE, events BIGINT, views BIGINT, carts BIGINT, removes BIGINT, purchases BIGINT,
              spend DECIMAL(18,2), sessions BIGINT, first_event_at TIMESTAMP, last_event_at TIMESTAMP);
            CREATE TABLE IF NOT EXISTS etl_days (event_date DATE PRIMARY KEY, signature VARCHAR, built_at TIMESTAMP);
            CREATE TABLE IF NOT EXISTS etl_state (key VARCHAR PRIMARY KEY, value VARCHAR);
            """);
        Segments = new Segments.SegmentStore(_connection, catalog.Catalog);
        Explorer = new Explore.ProfileExplorer(_connection, catalog, dataDirectory);
    }

    /// <summary>Queries for the web app: pages of profiles, a customer's days and events, the dashboard.</summary>
    public Explore.ProfileExplorer Explorer { get; }

    /// <summary>The segments kept beside the profiles; every run evaluates them as of its day.</summary>
    public Segments.SegmentStore Segments { get; }

    private string Lake(DateOnly? date = null) => LakeScan.Sql(_dataDirectory, date);

    /// <summary>Builds what D needs; <paramref name="progress"/> hears each step.</summary>
    public EtlResult Run(DateOnly asOf, IProgress<string>? progress = null)
    {
        LakeStaging.Recover(_dataDirectory); // an ingest that stopped half-way is not read; one that was complete is finished
        var built = 0;
        foreach (var date in EventLakeReader.Dates(_dataDirectory).Where(d => d <= asOf))
        {
            var signature = Signature(date);
            if (_connection.Scalar($"SELECT signature FROM etl_days WHERE event_date = DATE '{date:yyyy-MM-dd}'") as string == signature)
            {
                continue;
            }

            progress?.Report($"daily aggregates {date:yyyy-MM-dd}");
            _connection.Execute($"""
                BEGIN TRANSACTION;
                DELETE FROM daily_aggregates WHERE event_date = DATE '{date:yyyy-MM-dd}';
                INSERT INTO daily_aggregates {DailyAggregateQuery.Build(Lake(date), date)};
                INSERT OR REPLACE INTO etl_days VALUES (DATE '{date:yyyy-MM-dd}', '{signature}', now());
                COMMIT;
                """);
            built++;
        }

        progress?.Report($"profiles as of {asOf:yyyy-MM-dd}");
        var query = ProfileQuery.Build(_catalog, SqlDialect.DuckDb, asOf, Lake());
        _connection.Execute($"DROP TABLE IF EXISTS {Incoming}");
        using (var command = _connection.Command($"CREATE TABLE {Incoming} AS " + query.Text, query.Parameters.Select(p => p.Value)))
        {
            command.ExecuteNonQuery();
        }

        progress?.Report($"segments as of {asOf:yyyy-MM-dd}");
        ReplaceProfiles(asOf, () => Segments.Evaluate(asOf));
        return new EtlResult(asOf, built,
            Convert.ToInt64(_connection.Scalar("SELECT count(*) FROM daily_aggregates"), CultureInfo.InvariantCulture),
            Convert.ToInt64(_connection.Scalar("SELECT count(*) FROM profiles"), CultureInfo.InvariantCulture));
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
        _connection.Execute($"DROP TABLE IF EXISTS {Incoming}");
        _connection.Execute(Cdp.Pipeline.Segments.ProfileColumns.CreateTable(SqlDialect.DuckDb, Incoming, _catalog.Catalog.Metrics));
        long rows;
        try
        {
            rows = Cdp.Pipeline.Segments.DuckDbProfileWriter.Append(_connection, Incoming, _catalog.Catalog, profiles);
        }
        catch
        {
            _connection.Execute($"DROP TABLE IF EXISTS {Incoming}");
            throw;
        }

        ReplaceProfiles(asOf, () =>
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
    public void EvaluateSegments(DateOnly asOf, string? only = null) => InTransaction(() => Segments.Evaluate(asOf, only: only));

    private void InTransaction(Action work)
    {
        _connection.Execute("BEGIN TRANSACTION");
        try
        {
            work();
            _connection.Execute("COMMIT");
        }
        catch
        {
            _connection.Execute("ROLLBACK");
            throw;
        }
    }

    /// <summary>The table new profiles are built in before they replace the stored ones.</summary>
    private const string Incoming = "profiles_incoming";

    /// <summary>
    /// The one way stored profiles change: the built table takes the place of <c>profiles</c>, the as-of day and
    /// the segments' evaluation follow, all in one transaction; on any failure nothing of it is kept.
    /// </summary>
    private void ReplaceProfiles(DateOnly asOf, Action evaluateSegments)
    {
        try
        {
            InTransaction(() =>
            {
                _connection.Execute($"DROP TABLE IF EXISTS profiles; ALTER TABLE {Incoming} RENAME TO profiles;");
                _connection.Execute($"INSERT OR REPLACE INTO etl_state VALUES ('profiles_as_of', '{asOf:yyyy-MM-dd}')");
                evaluateSegments();
            });
        }
        finally
        {
            _connection.Execute($"DROP TABLE IF EXISTS {Incoming}");
        }
    }

    /// <summary>The as-of date of the stored profiles, if any.</summary>
    public DateOnly? ProfilesAsOf =>
        _connection.Scalar("SELECT value FROM etl_state WHERE key = 'profiles_as_of'") is string text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    /// <summary>The stored profiles, ordered by user_id, as rows of the catalog's types.</summary>
    public IEnumerable<ProfileRow> Profiles(long? userId = null)
    {
        using var command = userId is { } id
            ? _connection.Command("SELECT * FROM profiles WHERE user_id = $1 ORDER BY user_id", id)
            : _connection.Command("SELECT * FROM profiles ORDER BY user_id");

        using var reader = command.ExecuteReader();
        foreach (var row in ReadRows(reader, _catalog))
        {
            yield return row;
        }
    }

    /// <summary>
    /// The profiles of a Parquet table (the one Spark's profiles job writes: one column a metric and user_id),
    /// read through an in-memory DuckDB, so that profiles computed on the cluster load into the stores.
    /// </summary>
    public static IEnumerable<ProfileRow> ReadParquet(string path, ProfileCatalog catalog) => ReadParquet([path], catalog);

    /// <summary>The profiles of Parquet files (or globs) that make one table.</summary>
    public static IEnumerable<ProfileRow> ReadParquet(IReadOnlyList<string> files, ProfileCatalog catalog)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.Command($"SELECT * FROM read_parquet({DuckDbCommands.FileList(files)}) ORDER BY user_id");
        using var reader = command.ExecuteReader();
        foreach (var row in ReadRows(reader, catalog))
        {
            yield return row;
        }
    }

    internal static IEnumerable<ProfileRow> ReadRows(DuckDBDataReader reader, ProfileCatalog catalog)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.Ordinal);
        var missing = catalog.Declarations.Select(d => d.Name).Prepend("user_id").Where(name => !columns.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"the profiles lack {missing.Count} of the catalog's columns ({string.Join(", ", missing.Take(8))}{(missing.Count > 8 ? ", ..." : "")}): a profiles table has user_id and one column a metric");
        }

        var ordinals = catalog.Declarations.Select(d => reader.GetOrdinal(d.Name)).ToArray();
        var userId = reader.GetOrdinal("user_id");
        while (reader.Read())
        {
            var metrics = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < ordinals.Length; i++)
            {
                var declaration = catalog.Declarations[i];
                metrics[declaration.Name] = reader.IsDBNull(ordinals[i]) ? null : MetricValues.Normalize(declaration.Type, Read(reader, ordinals[i], declaration.Type));
            }

            yield return new ProfileRow(reader.GetInt64(userId), metrics);
        }
    }

    /// <summary>Writes the profiles as the CSV that <c>rules eval --profiles</c> reads.</summary>
    public long Export(TextWriter writer)
    {
        ProfileCsvWriter.WriteHeader(writer, _catalog);
        long rows = 0;
        foreach (var profile in Profiles())
        {
            ProfileCsvWriter.WriteRow(writer, profile, _catalog);
            rows++;
        }

        return rows;
    }

    internal static object Read(DuckDBDataReader reader, int ordinal, MetricType type) => type switch
    {
        MetricType.TextList => ((System.Collections.IEnumerable)reader.GetValue(ordinal)).Cast<object?>().Select(o => (string)o!).ToArray(),
        MetricType.Money => reader.GetDecimal(ordinal),
        MetricType.Number => reader.GetDouble(ordinal),
        MetricType.Int => reader.GetInt64(ordinal),
        MetricType.Timestamp => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc),
        _ => reader.GetValue(ordinal),
    };

    private string Signature(DateOnly date) =>
        string.Join(';', EventLakeReader.Files(_dataDirectory, date).Select(f => $"{Path.GetFileName(f)}:{new FileInfo(f).Length}:{File.GetLastWriteTimeUtc(f).Ticks}"));



    public void Dispose() => _connection.Dispose();
}
