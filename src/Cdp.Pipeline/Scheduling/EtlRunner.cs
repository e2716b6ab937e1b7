using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Store;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Scheduling;

/// <summary>
/// Runs the daily ETL with a history (start, end, status, profiles, error for every attempt), retries
/// with a doubling pause, and never two runs at once on a data folder: a run asked for while one is going is recorded as
/// skipped. The same runner serves the scheduler, the command line and (later) the web app's "run now".
/// </summary>
public sealed class EtlRunner(string dataDirectory, Func<DateOnly, long> etl, int maxAttempts = 3, TimeSpan? firstPause = null)
{
    private readonly TimeSpan _firstPause = firstPause ?? TimeSpan.FromSeconds(30);

    /// <summary>
    /// A runner of the embedded ETL of a data folder: each run opens the folder's store and runs <see cref="DuckDbEtl"/>
    /// on it; <paramref name="progress"/> hears its steps and <paramref name="finished"/> its result. For a backfill,
    /// <paramref name="keepsProfiles"/> says which days replace the stored profiles (its last); the others only evaluate
    /// the segments (<see cref="DuckDbEtl.Run"/>). Every day does by default.
    /// </summary>
    public static EtlRunner Embedded(string dataDirectory, Metrics.ProfileCatalog catalog, int maxAttempts = 3, TimeSpan? firstPause = null,
        IProgress<string>? progress = null, Action<EtlResult>? finished = null, Func<DateOnly, bool>? keepsProfiles = null) =>
        new(dataDirectory, asOf =>
        {
            using var store = EmbeddedStore.Open(dataDirectory, catalog);
            var result = new DuckDbEtl(store).Run(asOf, progress, keepsProfiles?.Invoke(asOf) ?? true);
            finished?.Invoke(result);
            return result.Profiles;
        }, maxAttempts, firstPause);

    /// <summary>Runs the ETL as of a day (retrying on failure) unless a run is already going.</summary>
    public async Task<EtlRun> RunAsync(DateOnly asOf, string trigger, CancellationToken cancellationToken = default)
    {
        using var folderLock = RunLock.TryTake(dataDirectory);
        if (folderLock is null)
        {
            var now = DateTime.UtcNow;
            return Finish(Begin(asOf, trigger, 1, now), EtlRunStatus.Skipped, null, "another run is in progress");
        }

        var pause = _firstPause;
        for (var attempt = 1; ; attempt++)
        {
            var begun = Begin(asOf, trigger, attempt, DateTime.UtcNow); // kept before the work: a killed run leaves its trace
            try
            {
                var profiles = await Task.Run(() => etl(asOf), cancellationToken);
                return Finish(begun, EtlRunStatus.Succeeded, profiles, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var run = Finish(begun, EtlRunStatus.Failed, null, e.Message);
                if (attempt >= maxAttempts)
                {
                    return run;
                }

                await Task.Delay(pause, cancellationToken);
                pause *= 2;
            }
        }
    }

    /// <summary>The history, newest first.</summary>
    public IReadOnlyList<EtlRun> History(int limit = 100)
    {
        using var connection = Open();
        using var command = connection.Command("SELECT id, as_of, started_at, finished_at, status, attempt, profiles, error, trigger FROM etl_runs ORDER BY id DESC LIMIT $1", limit);
        using var reader = command.ExecuteReader();
        var runs = new List<EtlRun>();
        while (reader.Read())
        {
            runs.Add(new EtlRun(reader.GetInt64(0), DateOnly.FromDateTime(reader.GetDateTime(1)), reader.GetDateTime(2),
                reader.IsDBNull(3) ? null : reader.GetDateTime(3), reader.GetString(4), reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8)));
        }

        return runs;
    }

    /// <summary>
    /// Marks the runs a stopped process left as running (killed, out of power) as interrupted: called when a
    /// host or the command line starts on a data folder, before any run of its own. The number marked.
    /// </summary>
    public int MarkInterrupted()
    {
        using var connection = Open();
        using var command = connection.Command(
            "UPDATE etl_runs SET status = $1, error = $2 WHERE status = $3",
            EtlRunStatus.Interrupted, "the process stopped before the run ended (killed or restarted); nothing of it was kept", EtlRunStatus.Running);
        return command.ExecuteNonQuery();
    }

    private EtlRun Begin(DateOnly asOf, string trigger, int attempt, DateTime started)
    {
        using var connection = Open();
        using var command = connection.Command(
            """
            INSERT INTO etl_runs (id, as_of, started_at, finished_at, status, attempt, profiles, error, trigger)
            SELECT coalesce(max(id), 0) + 1, $1, $2, NULL, $3, $4, NULL, NULL, $5 FROM etl_runs RETURNING id
            """,
            asOf, started, EtlRunStatus.Running, attempt, trigger);
        var id = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return new EtlRun(id, asOf, started, null, EtlRunStatus.Running, attempt, null, null, trigger);
    }

    private EtlRun Finish(EtlRun run, string status, long? profiles, string? error)
    {
        using var connection = Open();
        var finished = DateTime.UtcNow;
        using var command = connection.Command(
            "UPDATE etl_runs SET finished_at = $1, status = $2, profiles = $3, error = $4 WHERE id = $5", finished, status, profiles, error, run.Id);
        command.ExecuteNonQuery();
        return run with { FinishedAt = finished, Status = status, Profiles = profiles, Error = error };
    }

    private DuckDBConnection Open()
    {
        Directory.CreateDirectory(dataDirectory);
        var connection = new DuckDBConnection($"DataSource={Path.Combine(dataDirectory, "runs.duckdb")}");
        connection.Open();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS etl_runs (id BIGINT PRIMARY KEY, as_of DATE, started_at TIMESTAMP, finished_at TIMESTAMP,
              status VARCHAR, attempt INTEGER, profiles BIGINT, error VARCHAR, trigger VARCHAR)
            """);
        return connection;
    }
}
