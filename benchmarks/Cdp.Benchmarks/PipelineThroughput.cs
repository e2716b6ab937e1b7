using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Host.Web;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Kafka;
using Cdp.Pipeline.Lake;

namespace Cdp.Benchmarks;

/// <summary>
/// The events path end to end, measured once (not a BenchmarkDotNet job: it moves a million events):
/// replay into Kafka (librdkafka's mock broker) while the ingest worker writes the lake, then the
/// original design's naive path (one HTTP request per event into the collector) on a sample, in the
/// same run. <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- pipeline [EVENTS]</c>
/// </summary>
public static class PipelineThroughput
{
    private static void Report(FormattableString line) => Console.WriteLine(FormattableString.Invariant(line));

    public static async Task RunAsync(long events)
    {
        var work = Path.Combine(Path.GetTempPath(), "cdp-pipeline-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var input = Path.Combine(work, "events.csv");
            using (var file = new StreamWriter(input))
            {
                new EventGenerator(new GeneratorOptions(events, (int)Math.Max(1000, events / 25), 30, new DateOnly(2019, 10, 1), 1)).Write(file);
            }

            using var cluster = new KafkaMockCluster();
            cluster.CreateTopic("events", 16);
            cluster.CreateTopic("events.dead-letter", 1);
            var data = Path.Combine(work, "data");

            // First the two halves alone, then both at once (the end-to-end figure): on 2 cores they compete.
            var replayClock = Stopwatch.StartNew();
            var produced = EventReplay.Run(input, cluster.BootstrapServers, "events");
            replayClock.Stop();
            var ingestClock = Stopwatch.StartNew();
            var alone = new KafkaIngest(new KafkaIngestOptions(cluster.BootstrapServers, Path.Combine(work, "alone"), GroupId: "alone", UntilIdle: TimeSpan.FromSeconds(1)));
            await alone.RunAsync();
            ingestClock.Stop();
            var ingestAlone = ingestClock.Elapsed - TimeSpan.FromSeconds(1);
            Report($"replay alone: {produced.Produced:N0} events in {replayClock.Elapsed.TotalSeconds:0.00} s = {produced.Produced / replayClock.Elapsed.TotalSeconds:N0} events/s");
            Report($"ingest alone (Kafka -> Parquet): {alone.Accepted:N0} events in {ingestAlone.TotalSeconds:0.00} s = {alone.Accepted / ingestAlone.TotalSeconds:N0} events/s");

            cluster.CreateTopic("events2", 16);
            var total = Stopwatch.StartNew();
            var replay = Task.Run(() => EventReplay.Run(input, cluster.BootstrapServers, "events2"));
            var ingest = new KafkaIngest(new KafkaIngestOptions(cluster.BootstrapServers, data, Topic: "events2", UntilIdle: TimeSpan.FromSeconds(1)));
            var ingesting = ingest.RunAsync();
            await replay;
            await ingesting;
            total.Stop();
            var inLake = await EventLakeReader.ReadAsync(data).CountAsync();
            var endToEnd = total.Elapsed - TimeSpan.FromSeconds(1);
            Report($"replay -> Kafka -> ingest -> Parquet, concurrently: {inLake:N0} events in the lake in {endToEnd.TotalSeconds:0.00} s (the 1 s idle wait excluded) = {inLake / endToEnd.TotalSeconds:N0} events/s");
            Report($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");

            // The naive original design: one POST per event into the collector, on the first 5,000 events.
            await using var app = WebHost.Build(["--urls", "http://127.0.0.1:0"], options => options.Kafka = cluster.BootstrapServers);
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(WebHost.Addresses(app)[0]) };
            var sample = EventFileReader.ReadFile(input).Take(5000).Select(l => JsonDocument.Parse(EventJson.ToUtf8(l.Event!)).RootElement).ToList();
            var naive = Stopwatch.StartNew();
            foreach (var e in sample)
            {
                using var response = await http.PostAsJsonAsync("/api/events", new[] { e });
                response.EnsureSuccessStatusCode();
            }

            naive.Stop();
            var naiveRate = sample.Count / naive.Elapsed.TotalSeconds;
            Report($"naive, one HTTP request per event (5,000 events): {naiveRate:N0} events/s; the Kafka path end to end is {inLake / endToEnd.TotalSeconds / naiveRate:0.0}x faster");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
