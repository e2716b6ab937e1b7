using System.Diagnostics;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store;
using Cdp.Rules;
using Cdp.Rules.Columnar;
using DuckDB.NET.Data;

namespace Cdp.Benchmarks;

/// <summary>
/// The audience snapshot's load (the store's profiles into columns, after every ETL run), in one process on the
/// preview benchmark's store: the store's typed load (each value read and stored as its type) against the same rows
/// boxed one value at a time through <see cref="ColumnTableBuilder.Add"/>, as the load did before; each timed twice,
/// best of two, with the managed memory each table holds. Both tables must hold the same values (a sample of rows is compared).
/// <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- snapshot-load [PROFILES]</c>
/// </summary>
public static class SnapshotLoad
{
    public static async Task RunAsync(int profiles)
    {
        var work = Path.Combine(Path.GetTempPath(), "cdp-snapshot-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(work, "data");
        try
        {
            var computed = await PreviewLatency.PrepareAsync(data, profiles);
            Report($"profiles in the store: {profiles:N0} ({computed:N0} computed by the ETL, repeated with shifted user_ids), {ProfileCatalog.Default.Catalog.Metrics.Count} metrics");
            using var store = EmbeddedStore.Open(data, ProfileCatalog.Default);

            var (typed, typedTime, typedBytes) = Measure(() => store.Explorer.Columns());
            Report($"typed load (the store's): {typedTime.TotalSeconds:0.00} s, {typedBytes / (1 << 20):N0} MiB held");
            var (boxed, boxedTime, boxedBytes) = Measure(() => Boxed(data));
            Report($"boxed rows through ColumnTableBuilder.Add (the load before): {boxedTime.TotalSeconds:0.00} s, {boxedBytes / (1 << 20):N0} MiB held");
            Report($"typed / boxed: time {typedTime / boxedTime:0.00}, memory {(double)typedBytes / boxedBytes:0.00}");

            Compare(typed, boxed);
            var readOnly = Stopwatch.StartNew();
            var cells = ReadOnly(data);
            readOnly.Stop();
            Report($"reading every cell through the DuckDB reader and nothing else: {readOnly.Elapsed.TotalSeconds:0.00} s ({cells:N0} cells)");
            Report($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static (ColumnTable Table, TimeSpan Time, long Bytes) Measure(Func<ColumnTable> load)
    {
        ColumnTable? table = null;
        var best = TimeSpan.MaxValue;
        long bytes = 0;
        for (var i = 0; i < 2; i++)
        {
            table = null;
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            table = load();
            clock.Stop();
            bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        return (table!, best, bytes);
    }

    /// <summary>The load as it was: every value read as an object and added boxed.</summary>
    private static ColumnTable Boxed(string data)
    {
        using var connection = new DuckDBConnection($"DataSource={Path.Combine(data, "profiles.duckdb")}");
        connection.Open();
        var builder = new ColumnTableBuilder(ProfileCatalog.Default.Catalog, 1 << 20);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM profiles ORDER BY user_id";
        using var reader = command.ExecuteReader();
        var ordinals = builder.Metrics.Select(m => reader.GetOrdinal(m.Name)).ToArray();
        var values = new object?[ordinals.Length];
        while (reader.Read())
        {
            for (var i = 0; i < ordinals.Length; i++)
            {
                values[i] = reader.IsDBNull(ordinals[i]) ? null : DuckDbProfileReader.Read(reader, ordinals[i], builder.Metrics[i].Type);
            }

            builder.Add(reader.GetInt64(0), values);
        }

        return builder.Build();
    }

    private static long ReadOnly(string data)
    {
        using var connection = new DuckDBConnection($"DataSource={Path.Combine(data, "profiles.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM profiles ORDER BY user_id";
        using var reader = command.ExecuteReader();
        var types = ProfileCatalog.Default.Catalog.Metrics.Select(m => (Ordinal: reader.GetOrdinal(m.Name), m.Type)).ToArray();
        long cells = 0;
        double sink = 0;
        while (reader.Read())
        {
            foreach (var (ordinal, type) in types)
            {
                if (reader.IsDBNull(ordinal))
                {
                    continue;
                }

                cells++;
                sink += type switch
                {
                    MetricType.Int => reader.GetInt64(ordinal),
                    MetricType.Number => reader.GetDouble(ordinal),
                    MetricType.Money => (double)reader.GetDecimal(ordinal),
                    MetricType.Bool => reader.GetBoolean(ordinal) ? 1 : 0,
                    MetricType.Text => reader.GetString(ordinal).Length,
                    MetricType.Timestamp => reader.GetDateTime(ordinal).Ticks,
                    _ => reader.GetValue(ordinal) is null ? 0 : 1,
                };
            }
        }

        return sink > 0 ? cells : -cells;
    }

    private static void Compare(ColumnTable typed, ColumnTable boxed)
    {
        if (!typed.Ids.SequenceEqual(boxed.Ids))
        {
            throw new InvalidOperationException("the loads hold other rows");
        }

        var random = new Random(1);
        for (var n = 0; n < 10_000; n++)
        {
            var row = random.Next(typed.RowCount);
            foreach (var metric in ProfileCatalog.Default.Catalog.Metrics)
            {
                var (a, b) = (typed.ValueAt(metric.Name, row), boxed.ValueAt(metric.Name, row));
                if (a is IEnumerable<string> x ? !(b is IEnumerable<string> y && x.SequenceEqual(y)) : !Equals(a, b))
                {
                    throw new InvalidOperationException($"row {row}, {metric.Name}: typed {a}, boxed {b}");
                }
            }
        }

        Report($"10,000 random rows x every metric: the same values");
    }

    private static void Report(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));
}
