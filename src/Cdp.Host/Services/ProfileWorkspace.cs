using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Scheduling;
using Cdp.Pipeline.Store;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Services;

/// <summary>
/// The embedded store behind the web app: one data folder, its <see cref="EmbeddedStore"/> (opened once, with its
/// tables, when the host starts; each request then takes a connection of its own to the same database), the ETL
/// runner, and the audience snapshot, reloaded after every ETL run.
/// </summary>
public sealed class ProfileWorkspace : IDisposable
{
    private readonly EmbeddedStore _store;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writes = new(1, 1);
    private Lazy<AudienceSnapshot> _snapshot;
    private EtlInProgress? _running;

    public ProfileWorkspace(IOptions<CdpHostOptions> options)
    {
        DataDirectory = options.Value.DataDirectory ?? throw new InvalidOperationException("the web app needs a data folder");
        Catalog = options.Value.CatalogFile is { } file ? ProfileCatalog.WithFile(file) : ProfileCatalog.Default;
        _store = EmbeddedStore.Open(DataDirectory, Catalog);
        _snapshot = new Lazy<AudienceSnapshot>(Load);
        Runner = RunnerFor((store, asOf) => new DuckDbEtl(store).Run(asOf).Profiles, options.Value.EtlAttempts);
        Runner.MarkInterrupted(); // this host is the folder's one writer: whatever still says "running" was cut off
    }

    public string DataDirectory { get; }

    public ProfileCatalog Catalog { get; }

    /// <summary>Runs the ETL with a history; the web app's "run now", the scheduler and first start share it.</summary>
    public EtlRunner Runner { get; }

    /// <summary>A runner (history, one run at a time) whose step works on the store and reloads the audience snapshot after it.</summary>
    public EtlRunner RunnerFor(Func<EmbeddedStore, DateOnly, long> step, int maxAttempts) => new(DataDirectory, asOf =>
    {
        var profiles = Write(store => step(store, asOf));
        Reload();
        return profiles;
    }, maxAttempts);

    /// <summary>
    /// Work that changes the store, one at a time (a run, an import, a save and its evaluation): DuckDB's
    /// optimistic transactions would otherwise conflict on the same rows and fail one of them half-way.
    /// </summary>
    public T Write<T>(Func<EmbeddedStore, T> work)
    {
        _writes.Wait();
        try
        {
            using var store = Open();
            return work(store);
        }
        finally
        {
            _writes.Release();
            Written?.Invoke();
        }
    }

    /// <summary>Raised after each piece of work that may have changed the store: the delivery of membership changes wakes.</summary>
    public event Action? Written;

    /// <summary>The run the web app started and is waiting for, if any.</summary>
    public EtlInProgress? Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>
    /// The profiles as columns, loaded on first use: the callers that need it wait for that one load, and
    /// nobody else does (the gate of <see cref="Running"/> and <see cref="Start"/> is not held meanwhile).
    /// </summary>
    public AudienceSnapshot Snapshot => Volatile.Read(ref _snapshot).Value;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(AudienceSnapshot, string), (Cdp.Rules.Columnar.ColumnTable, Cdp.Rules.MetricCatalog)> _withAggregates = new();

    /// <summary>
    /// The snapshot with a rule's aggregates that no ETL run has computed, computed on demand over the lake as of the
    /// snapshot's day (the ETL's own SQL for them), cached by the aggregates' identities until the next reload.
    /// </summary>
    public (Cdp.Rules.Columnar.ColumnTable Table, Cdp.Rules.MetricCatalog Catalog) WithAggregates(Cdp.Rules.Rule rule)
    {
        var snapshot = Snapshot;
        var key = string.Join(',', rule.Aggregates.Select(a => a.Name).Order(StringComparer.Ordinal));
        return _withAggregates.GetOrAdd((snapshot, key), _ignored =>
        {
            var (aggregates, values, withoutEvents) = Pipeline.Etl.LakeAggregates.Compute(DataDirectory, rule, snapshot.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow));
            // The aggregates the snapshot lacks, with their places in the computed rows.
            var missing = aggregates.Select((a, i) => (Aggregate: a, Place: i)).Where(m => !snapshot.Catalog.TryGetMetric(m.Aggregate.Name, out _)).ToList();
            var catalog = new Cdp.Rules.MetricCatalog(snapshot.Catalog.Metrics.Concat(missing.Select(m => m.Aggregate.Definition)));
            // Only the new columns are built, in the snapshot's row order, and joined to its table without copying it.
            var builder = new Cdp.Rules.Columnar.ColumnTableBuilder(new Cdp.Rules.MetricCatalog(missing.Select(m => m.Aggregate.Definition)), Math.Max(snapshot.Table.RowCount, 64));
            var row = new object?[missing.Count];
            for (var r = 0; r < snapshot.Table.RowCount; r++)
            {
                var computed = values.GetValueOrDefault(snapshot.Table.Ids[r]) ?? withoutEvents; // no events in the aggregates' days
                for (var i = 0; i < missing.Count; i++)
                {
                    row[i] = computed[missing[i].Place];
                }

                builder.Add(snapshot.Table.Ids[r], row);
            }

            return (snapshot.Table.Join(builder.Build()), catalog);
        });
    }

    /// <summary>How rules are checked here: with the live segments' names, which in_segment may read (v2).</summary>
    public Cdp.Rules.RuleOptions RuleOptions()
    {
        using var store = Open();
        return store.Segments.Options();
    }

    /// <summary>The outbox of membership changes on a connection of its own (the delivery worker's).</summary>
    public Pipeline.Activation.ActivationStore OpenOutbox() => _store.ConnectOutbox();

    /// <summary>A connection to the store for one request (no tables are created: the store was opened at start).</summary>
    public EmbeddedStore Open() => _store.Connect();

    /// <summary>The last day with events in the lake: the as-of day of a run nobody dated.</summary>
    public DateOnly? LatestEventDate => EventLakeReader.Dates(DataDirectory) is { Count: > 0 } dates ? dates[^1] : null;

    /// <summary>Starts a run in the background unless one is going; the run when it started.</summary>
    public EtlInProgress? Start(DateOnly asOf, string trigger)
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                return null;
            }

            var started = new EtlInProgress(asOf, trigger, DateTime.UtcNow);
            _running = started;
            _ = Task.Run(async () =>
            {
                try
                {
                    await Runner.RunAsync(asOf, trigger);
                }
                finally
                {
                    lock (_gate)
                    {
                        _running = null;
                    }
                }
            });
            return started;
        }
    }

    private readonly Lock _reloading = new();

    /// <summary>
    /// Reads the profiles into memory again in the background, one reload at a time (after a segment is saved, so that
    /// previews of rules that read it through in_segment see its membership); the current snapshot serves meanwhile.
    /// </summary>
    public void ReloadSoon() => _ = Task.Run(() =>
    {
        lock (_reloading)
        {
            try
            {
                Reload();
            }
            catch (Exception e) when (e is DuckDB.NET.Data.DuckDBException or IOException or InvalidOperationException)
            {
                // The snapshot stays the one before; the next run reloads it.
            }
        }
    });

    /// <summary>Reads the profiles into memory again (after an ETL run).</summary>
    public void Reload()
    {
        var snapshot = Load();
        Volatile.Write(ref _snapshot, new Lazy<AudienceSnapshot>(snapshot));
        _withAggregates.Clear();
    }

    private AudienceSnapshot Load()
    {
        using var store = Open();
        var (table, catalog) = store.Explorer.ColumnsWith(
            store.RulesToCompute().SelectMany(r => r.Aggregates).DistinctBy(d => d.Name).Select(d => d.Definition), store.Segments.List().Select(s => s.Name), store.ProfilesAsOf);
        return new AudienceSnapshot(store.ProfilesAsOf, table, catalog);
    }

    public void Dispose()
    {
        _store.Dispose();
        _writes.Dispose();
    }
}

/// <summary>An ETL run under way.</summary>
public sealed record EtlInProgress(DateOnly AsOf, string Trigger, DateTime StartedAt);
