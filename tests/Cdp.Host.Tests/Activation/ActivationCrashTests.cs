using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Activation;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;
using Xunit.Abstractions;

namespace Cdp.Host.Tests.Activation;

/// <summary>
/// The proof of issue 18: a real host process delivers membership changes of several evaluations to a receiver that
/// fails at random (500s, timeouts, dropped connections, slow answers), and is killed in the middle of delivering;
/// restarted, it goes on. The receiver's changes, kept by idempotency key, must equal the reference changes computed
/// from the stored members of each evaluated day: nothing lost, nothing under two keys, every signature good.
/// </summary>
public sealed class ActivationCrashTests(ITestOutputHelper output) : IDisposable
{
    private const string Secret = "s3cret";
    private static readonly string[] Segments = ["big_spenders", "engaged_shoppers", "lapsed_buyers"];
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cdp-activation-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task A_flaky_receiver_and_a_killed_host_still_get_every_change_once_per_key()
    {
        await PrepareAsync();
        // While the third evaluation is delivered the receiver keeps what it reads but answers too late, so the kill
        // lands with that evaluation's batches pending (some read by the receiver, none acknowledged).
        var flaky = WebhookReceiver.Flaky(20191018, failFirst: 2);
        var holding = false;
        await using var receiver = await WebhookReceiver.StartAsync(Secret, (batch, before) => Volatile.Read(ref holding) ? ReceiverAnswer.Timeout : flaky(batch, before));
        _beforeKill = () => Volatile.Write(ref holding, true);
        _afterRestart = () => Volatile.Write(ref holding, false);

        var killedWith = await EvaluateWithAKillAsync(new { name = "crm", kind = "webhook", url = receiver.Url, secret = Secret, segments = Segments, maxAttempts = 2, batchSize = 25 });
        Assert.True(killedWith.Pending > 0, "the kill did not land in the middle of delivering");
        Assert.True(_replays > 0, "no batch was parked and replayed: the receiver did not fail enough");

        var expected = Reference();
        var received = receiver.Changes.Values.ToList();
        output.WriteLine($"{expected.Count} changes expected; {received.Count} kept by the receiver from {receiver.BatchKeys.Count} requests ({receiver.BatchKeys.Distinct().Count()} batches)");
        Assert.Equal(0, receiver.BadSignatures);
        Assert.True(receiver.BatchKeys.Count > receiver.BatchKeys.Distinct().Count(), "no batch was ever sent twice: the receiver did not fail");
        Assert.Equal(expected.Order().ToList(), received.Select(c => (c.Segment, c.AsOf, c.UserId, c.Change, c.Initial)).Order().ToList());
        Assert.Equal(received.Count, received.Select(c => (c.Segment, c.AsOf, c.UserId, c.Change)).Distinct().Count()); // no change under two keys
    }

    [Fact]
    public async Task A_killed_host_leaves_each_change_on_the_kafka_topic_once()
    {
        using var cluster = new Cdp.Pipeline.Kafka.KafkaMockCluster();
        cluster.CreateTopic("segment-membership", 4);
        await PrepareAsync();

        await EvaluateWithAKillAsync(new { name = "stream", kind = "kafka", topic = "segment-membership", segments = Segments, batchSize = 100 }, "--kafka", cluster.BootstrapServers, "--ingest-worker", "false");

        var expected = Reference();
        var topic = ActivationTopic.ReadAll(cluster.BootstrapServers, "segment-membership");
        output.WriteLine($"{expected.Count} changes expected; {topic.Count} messages on the topic");
        Assert.Equal(topic.Count, topic.Select(m => m.IdempotencyKey).Distinct().Count()); // each key once
        Assert.Equal(expected.Order().ToList(), topic.Select(m => (m.Change.Segment, m.Change.AsOf, m.Change.UserId, m.Change.Change, m.Change.Initial)).Order().ToList());
        Assert.All(topic, m => Assert.Equal(m.Change.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Key));
    }

    private int _replays;
    private Action _beforeKill = () => { };
    private Action _afterRestart = () => { };
    private string _key = "";
    private readonly int _port = CdpProcess.FreePort();
    private static readonly List<DateOnly> Days = [.. Enumerable.Range(24, 8).Select(d => new DateOnly(2019, 10, d))];

    private async Task PrepareAsync()
    {
        await FirstStart.PrepareAsync(_data, new GeneratorOptions(80_000, 4_000, 31, new DateOnly(2019, 10, 1), 18), 1, TextWriter.Null);
        var users = new UserStore(_data);
        Assert.Null(users.Save("eddie", Roles.Editor, "an editor's long password"));
        _key = users.CreateApiKey("eddie");
    }

    /// <summary>
    /// Adds the destination on a host process, runs the ETL as of each of <see cref="Days"/>, kills the host once it has
    /// delivered something after the third run and starts it again, then waits until every batch is delivered (replaying
    /// parked ones). The batches delivered and pending when it was killed.
    /// </summary>
    private async Task<(long Delivered, long Pending)> EvaluateWithAKillAsync(object destination, params string[] hostArguments)
    {
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        var host = await StartHostAsync(api, hostArguments);
        var killedWith = (Delivered: 0L, Pending: 0L);
        try
        {
            var created = await api.PostAsJsonAsync("/api/destinations", destination);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            foreach (var (day, index) in Days.Select((d, i) => (d, i)))
            {
                if (index == 2)
                {
                    _beforeKill();
                }

                await HostRuns.RunNowAsync(api, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                if (index == 2)
                {
                    // Kill the host while it delivers: some batches delivered, some perhaps not.
                    var deadline = DateTime.UtcNow.AddSeconds(30);
                    while ((killedWith = await CountsAsync(api)) is { Delivered: 0 } && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(5);
                    }

                    host.Kill(entireProcessTree: true);
                    await host.WaitForExitAsync();
                    host.Dispose();
                    output.WriteLine($"killed the host with {killedWith.Delivered} batch(es) delivered and {killedWith.Pending} pending");
                    host = await StartHostAsync(api, hostArguments);
                    _afterRestart();
                }
            }

            _replays = await DrainAsync(api);
            var log = await api.GetFromJsonAsync<JsonElement>($"/api/destinations/{(await api.GetFromJsonAsync<JsonElement>("/api/destinations"))[0].GetProperty("name").GetString()}/log?limit=1000");
            output.WriteLine("attempts per batch: " + string.Join(", ", log.EnumerateArray().GroupBy(b => b.GetProperty("attempts").GetInt32()).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
            return killedWith;
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            host.Dispose();
        }
    }

    /// <summary>Every segment's changes from the stored members of each day: the first day whole (initial), then each day against the one before.</summary>
    private List<(string, DateOnly, long, string, bool)> Reference()
    {
        var days = Days;
        using var store = EmbeddedStore.Open(_data, ProfileCatalog.Default);
        var changes = new List<(string, DateOnly, long, string, bool)>();
        foreach (var segment in Segments)
        {
            IReadOnlySet<long> before = new HashSet<long>();
            foreach (var (day, index) in days.Select((d, i) => (d, i)))
            {
                var now = store.Segments.Members(segment, day).ToHashSet();
                changes.AddRange(now.Except(before).Select(u => (segment, day, u, MembershipChange.Entered, index == 0)));
                changes.AddRange(before.Except(now).Select(u => (segment, day, u, MembershipChange.Exited, false)));
                before = now;
            }
        }

        Assert.Contains(changes, c => c.Item4 == MembershipChange.Exited); // the days chosen make customers leave too
        return changes;
    }

    private async Task<Process> StartHostAsync(HttpClient api, string[] hostArguments)
    {
        var host = CdpProcess.Start(["serve", "--data", _data, "--urls", $"http://127.0.0.1:{_port}", "--admin-password", "an admin's long password",
            "--webhook-timeout", "0.5", "--retry-first", "0.05", "--retry-longest", "0.3", .. hostArguments]);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await api.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.False(host.HasExited, "the host exited at start");
            await Task.Delay(100);
        }

        throw new TimeoutException("the host did not answer /health within 60 s");
    }

    private static async Task<(long Delivered, long Pending)> CountsAsync(HttpClient api)
    {
        var destination = (await api.GetFromJsonAsync<JsonElement>("/api/destinations"))[0];
        return (destination.GetProperty("delivered").GetInt64(), destination.GetProperty("pending").GetInt64());
    }

    /// <summary>Waits until nothing is pending, replaying parked batches, until every batch is delivered (at most two minutes); how many replays it took.</summary>
    private async Task<int> DrainAsync(HttpClient api)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var replays = 0;
        while (DateTime.UtcNow < deadline)
        {
            var crm = (await api.GetFromJsonAsync<JsonElement>("/api/destinations"))[0];
            var (pending, parked) = (crm.GetProperty("pending").GetInt64(), crm.GetProperty("parked").GetInt64());
            if (pending == 0 && parked == 0)
            {
                output.WriteLine($"all {crm.GetProperty("delivered").GetInt64()} batches delivered after {replays} replay(s)");
                return replays;
            }

            if (pending == 0)
            {
                var replayed = await (await api.PostAsync($"/api/destinations/{crm.GetProperty("name").GetString()}/replay", null)).Content.ReadFromJsonAsync<JsonElement>();
                replays += replayed.GetProperty("replayed").GetInt32() > 0 ? 1 : 0;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the outbox did not drain within two minutes");
    }
}
