using System.Diagnostics;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Kafka;
using Cdp.Pipeline.Lake;
using Xunit.Abstractions;

namespace Cdp.Host.Tests;

/// <summary>
/// The ingest worker, and the file ingest, killed (a real process kill) at random points, several times, then
/// restarted: the lake must hold exactly the source's events, compared as a multiset of every field.
/// </summary>
public sealed class IngestCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly KafkaMockCluster _cluster = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cdp-crash-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        _cluster.Dispose();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Killed_and_restarted_the_worker_leaves_every_event_exactly_once()
    {
        // Enough events that a worker is still busy when it is killed (each mock partition holds about 5 MiB).
        Directory.CreateDirectory(_data);
        var sample = Path.Combine(_data, "source.csv");
        using (var file = new StreamWriter(sample))
        {
            new EventGenerator(new GeneratorOptions(120_000, 8_000, 3, new DateOnly(2019, 10, 1), 11)).Write(file);
        }

        _cluster.CreateTopic("events", 8);
        _cluster.CreateTopic("events.dead-letter", 1);
        EventReplay.Run(sample, _cluster.BootstrapServers, "events");
        var random = new Random(20191001);
        var lakeData = Path.Combine(_data, "lake");

        var midwayKills = 0;
        for (var attempt = 0; attempt < 8 && midwayKills < 4; attempt++)
        {
            // Kill once the worker has written at least one more file, after a random extra moment, so the
            // kill lands while batches are open, files are half written, or offsets are about to be committed.
            var filesBefore = LakeFiles(lakeData);
            using var worker = StartWorker(lakeData);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!worker.HasExited && LakeFiles(lakeData) <= filesBefore && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(random.Next(0, 120));
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
                worker.WaitForExit();
                var held = await EventLakeReader.ReadAsync(lakeData).CountAsync();
                output.WriteLine($"killed a worker; the lake holds {held} events in {LakeFiles(lakeData)} files");
                if (held < 120_000)
                {
                    midwayKills++;
                }
            }
        }

        using (var last = StartWorker(lakeData))
        {
            Assert.True(last.WaitForExit(60_000), "the final worker did not finish");
            Assert.Equal(0, last.ExitCode);
        }

        Assert.True(midwayKills >= 2, $"only {midwayKills} kills landed before the lake was complete");
        var source = EventFileReader.ReadFile(sample).Select(l => l.Event!).Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();
        var lake = (await EventLakeReader.ReadAsync(lakeData).ToListAsync()).Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(source.Count, lake.Count);
        Assert.Equal(source, lake);
    }

    [Fact]
    public async Task A_file_ingest_killed_again_and_again_then_rerun_from_a_renamed_copy_lands_every_event_once()
    {
        Directory.CreateDirectory(_data);
        var original = Path.Combine(_data, "october.csv");
        using (var file = new StreamWriter(original))
        {
            new EventGenerator(new GeneratorOptions(600_000, 20_000, 12, new DateOnly(2019, 10, 1), 17)).Write(file); // 12 partitions: a staging window long enough to kill in
        }

        var lakeData = Path.Combine(_data, "file-lake");
        var source = EventFileReader.ReadFile(original).Select(l => l.Event!.ToString()).Order(StringComparer.Ordinal).ToList();
        var random = new Random(20191002);
        var midway = 0;
        for (var attempt = 0; attempt < 10 && midway < 3; attempt++)
        {
            // Each attempt a new name for the same events; killed once it has staged some files, a moment later.
            var copy = Path.Combine(_data, $"copy-{attempt}.csv");
            File.Copy(original, copy);
            using var ingest = Start("ingest", "--input", copy, "--data", lakeData);
            var staging = LakeStaging.Root(lakeData);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!ingest.HasExited && StagedFiles(staging) == 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(2);
            }

            Thread.Sleep(random.Next(0, 150));
            if (!ingest.HasExited)
            {
                var staged = StagedFiles(staging);
                ingest.Kill(entireProcessTree: true);
                ingest.WaitForExit();
                midway += staged > 0 ? 1 : 0;
            }

            // Whatever the moment of the kill, the lake the ETL reads holds none of these events or all of them.
            var held = await EventLakeReader.ReadAsync(lakeData).CountAsync();
            output.WriteLine($"attempt {attempt}: the lake holds {held} events");
            Assert.True(held == 0 || held == source.Count, $"the lake holds {held} of {source.Count} events: half a file is visible");
        }

        Assert.True(midway >= 2, $"only {midway} kills landed while files were staged");
        using (var last = Start("ingest", "--input", Path.Combine(_data, "copy-0.csv"), "--data", lakeData))
        {
            Assert.True(last.WaitForExit(120_000), "the last ingest did not finish");
            Assert.Equal(0, last.ExitCode);
        }

        var lake = (await EventLakeReader.ReadAsync(lakeData).ToListAsync()).Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(source.Count, lake.Count);
        Assert.Equal(source, lake);
    }

    private static int StagedFiles(string staging) =>
        Directory.Exists(staging) ? Directory.GetFiles(staging, "*.parquet", SearchOption.AllDirectories).Length : 0;

    private static int LakeFiles(string lakeData) =>
        Directory.Exists(lakeData) ? Directory.GetFiles(lakeData, "*.parquet", SearchOption.AllDirectories).Length : 0;

    private Process StartWorker(string lakeData) =>
        Start("ingest", "--kafka", _cluster.BootstrapServers, "--data", lakeData, "--until-idle", "--batch-events", "1500");

    private static Process Start(params string[] arguments) => CdpProcess.Start(arguments);
}
