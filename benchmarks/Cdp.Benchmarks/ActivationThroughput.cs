using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Cdp.Pipeline.Activation;
using Cdp.Pipeline.Kafka;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store;
using Confluent.Kafka;

namespace Cdp.Benchmarks;

/// <summary>
/// Membership changes out of the platform, measured once on this machine: CUSTOMERS profiles (default 1,000,000) and one
/// segment holding about half of them; a webhook destination (Kestrel on loopback, which reads every body and keeps
/// the keys, as a deduplicating receiver does) and a Kafka destination (librdkafka's mock cluster), batches of 1,000.
/// <list type="bullet">
/// <item>the evaluation with destinations against the same evaluation without any (what writing the outbox costs);</item>
/// <item>the full sync (every member) delivered, as changes a second, against the same bytes sent by a bare client
/// (the same JSON bodies POSTed in a loop; the same messages produced), measured in the same run;</item>
/// <item>10% churn (5% leave, 5% join): from the end of the evaluation to the last change delivered, per destination.</item>
/// </list>
/// <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- activation [CUSTOMERS]</c>
/// </summary>
public static class ActivationThroughput
{
    private static readonly DateOnly Day1 = new(2019, 10, 30);
    private static readonly DateOnly Day2 = new(2019, 10, 31);

    public static async Task RunAsync(int customers, TextWriter report)
    {
        var work = Path.Combine(Path.GetTempPath(), "cdp-activation-bench-" + Guid.NewGuid().ToString("N")[..8]);
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("segment-membership", 4);
        cluster.CreateTopic("bare", 4);
        await using var receiver = await CountingReceiver.StartAsync();
        try
        {
            using var plain = EmbeddedStore.Open(Path.Combine(work, "plain"), ProfileCatalog.Default);
            using var store = EmbeddedStore.Open(Path.Combine(work, "activated"), ProfileCatalog.Default);
            foreach (var s in new[] { plain, store })
            {
                s.Segments.Save("spenders", "spend_30d > 100", "about half the customers", "benchmark");
            }

            store.Activation.Add(new Destination("hook", DestinationKind.Webhook, receiver.Url, "secret", [], 8, 1000, "benchmark", DateTime.UtcNow));
            store.Activation.Add(new Destination("stream", DestinationKind.Kafka, "segment-membership", null, [], 8, 1000, "benchmark", DateTime.UtcNow));
            using var worker = new DeliveryWorker(store.ConnectOutbox, d => DestinationSenders.For(d, HostPolicy.LoopbackOnly, TimeSpan.FromSeconds(30), cluster.BootstrapServers), RetryPolicy.Default);

            report.WriteLine($"activation: {customers:N0} customers, segment `spend_30d > 100`, batches of 1,000 changes");
            var day1 = Profiles(customers, churn: false);
            var (plainFirst, activatedFirst) = (Time(() => plain.LoadProfiles(day1, Day1)), Time(() => store.LoadProfiles(day1, Day1)));
            var members = store.Segments.Members("spenders", Day1).Count;
            report.WriteLine($"  evaluation 1 (full sync of {members:N0} members): {plainFirst:N2} s without destinations, {activatedFirst:N2} s with two ({activatedFirst / plainFirst:N2}x)");

            var hookSync = await TimeAsync(() => DrainAsync(worker, "hook"));
            var bareHook = await TimeAsync(() => receiver.BareAsync(store.Activation, "hook"));
            report.WriteLine($"  webhook full sync: {members / hookSync:N0} changes/s ({hookSync:N2} s); a bare client POSTing the same bodies: {members / bareHook:N0} changes/s ({bareHook:N2} s); ratio {hookSync / bareHook:N2}x");
            var kafkaSync = await TimeAsync(() => DrainAsync(worker, "stream"));
            var bareKafka = Time(() => BareProduce(cluster.BootstrapServers, store.Activation, "stream"));
            report.WriteLine($"  Kafka full sync: {members / kafkaSync:N0} changes/s ({kafkaSync:N2} s); a bare producer of the same messages: {members / bareKafka:N0} changes/s ({bareKafka:N2} s); ratio {kafkaSync / bareKafka:N2}x");

            var day2 = Profiles(customers, churn: true);
            var (plainSecond, activatedSecond) = (Time(() => plain.LoadProfiles(day2, Day2)), Time(() => store.LoadProfiles(day2, Day2)));
            var changes = store.Activation.Log("hook", 100_000).Where(b => b.AsOf == Day2).Sum(b => b.Changes);
            report.WriteLine($"  evaluation 2 (10% churn: {changes:N0} changes): {plainSecond:N2} s without destinations, {activatedSecond:N2} s with two ({activatedSecond / plainSecond:N2}x)");
            var clock = Stopwatch.StartNew();
            var done = new Dictionary<string, double>();
            while (done.Count < 2)
            {
                await worker.DeliverDueAsync(CancellationToken.None);
                foreach (var (name, counts) in store.Activation.Counts().Where(c => c.Value.Pending == 0 && !done.ContainsKey(c.Key)))
                {
                    done[name] = clock.Elapsed.TotalSeconds;
                }
            }

            report.WriteLine($"  end of evaluation 2 to the last change delivered (one worker, as the host runs it): webhook {done["hook"]:N2} s, Kafka {done["stream"]:N2} s");
            Assert(receiver.Keys == members + changes, $"the receiver kept {receiver.Keys:N0} keys, not {members + changes:N0}");
            report.WriteLine($"  the receiver kept {receiver.Keys:N0} distinct keys: the full sync and the churn, each change once");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Spend per customer: half above 100; with churn, every tenth customer on the other side.</summary>
    private static List<ProfileRow> Profiles(int customers, bool churn) => [.. Enumerable.Range(1, customers).Select(i =>
    {
        var above = i % 2 == 0;
        if (churn && i % 10 == 3)
        {
            above = !above;
        }

        return new ProfileRow(i, new Dictionary<string, object?> { ["spend_30d"] = above ? 150m : 50m });
    })];

    private static async Task DrainAsync(DeliveryWorker worker, string destination)
    {
        while (await worker.DeliverDueAsync(CancellationToken.None, destination) > 0)
        {
        }
    }

    private static void BareProduce(string bootstrap, ActivationStore outbox, string destination)
    {
        var batches = outbox.Log(destination, 100_000).Where(b => b.AsOf == Day1).OrderBy(b => b.Id).Select(b => outbox.Changes(destination, b.Id)).ToList(); // read from the outbox, as the worker does
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, Acks = Acks.All, LingerMs = 5 }).Build();
        foreach (var batch in batches)
        {
            foreach (var change in batch)
            {
                producer.Produce("bare", new Message<string, byte[]> { Key = change.UserId.ToString(CultureInfo.InvariantCulture), Value = ChangeJson.One(change) });
            }

            producer.Flush();
        }
    }

    private static void Assert(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>A receiver that reads each body and keeps the change keys in a set (a deduplicating receiver's work), and answers 204.</summary>
    private sealed class CountingReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        private CountingReceiver(WebApplication app) => _app = app;

        public string Url => _app.Urls.First() + "/hook";

        public int Keys
        {
            get
            {
                lock (_keys)
                {
                    return _keys.Count;
                }
            }
        }

        public static async Task<CountingReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new CountingReceiver(app);
            app.MapPost("/hook", async (HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                var changes = ChangeJson.Read(buffer.ToArray());
                if (context.Request.Path == "/hook" && context.Request.Headers.ContainsKey(WebhookSignature.Header))
                {
                    lock (receiver._keys)
                    {
                        foreach (var change in changes)
                        {
                            receiver._keys.Add(change.Key);
                        }
                    }
                }

                return Results.NoContent();
            });
            await app.StartAsync();
            return receiver;
        }

        /// <summary>The full sync's bodies POSTed by a bare client, in order, without an outbox, a signature or a log (the baseline).</summary>
        public async Task BareAsync(ActivationStore outbox, string destination)
        {
            using var http = new HttpClient();
            foreach (var batch in outbox.Log(destination, 100_000).Where(b => b.AsOf == Day1).OrderBy(b => b.Id))
            {
                using var content = new ByteArrayContent(ChangeJson.Body(outbox.Changes(destination, batch.Id)));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(Url, content);
                response.EnsureSuccessStatusCode();
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
