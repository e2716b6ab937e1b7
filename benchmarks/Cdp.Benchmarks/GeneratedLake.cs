using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Lake;

namespace Cdp.Benchmarks;

/// <summary>A generated month of events (October 2019, seed 1) ingested into a lake in a temporary data folder, removed on dispose.</summary>
public sealed class GeneratedLake : IDisposable
{
    private readonly string _work;

    private GeneratedLake(string work) => _work = work;

    /// <summary>The data folder that holds the lake.</summary>
    public string Data => Path.Combine(_work, "data");

    /// <summary>DuckDB's table function over every day of the lake.</summary>
    public string Scan => $"read_parquet('{Path.Combine(LakeLayout.EventsRoot(Data), "*", "*.parquet")}', hive_partitioning = true)";

    public static async Task<GeneratedLake> CreateAsync(string name, long events, int users)
    {
        var lake = new GeneratedLake(Path.Combine(Path.GetTempPath(), $"cdp-{name}-" + Guid.NewGuid().ToString("N")[..8]));
        Directory.CreateDirectory(lake._work);
        var input = Path.Combine(lake._work, "events.csv");
        using (var file = new StreamWriter(input))
        {
            new EventGenerator(new GeneratorOptions(events, users, 30, new DateOnly(2019, 10, 1), 1)).Write(file);
        }

        await EmbeddedIngest.RunAsync(input, lake.Data);
        File.Delete(input);
        return lake;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
