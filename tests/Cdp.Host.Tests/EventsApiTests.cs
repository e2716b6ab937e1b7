using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Kafka;
using Confluent.Kafka;
using Cdp.Host.Web;

namespace Cdp.Host.Tests;

/// <summary>The HTTP source and collector, on a real server bound to a free loopback port, with the mock Kafka.</summary>
public sealed class EventsApiTests : IAsyncLifetime
{
    private readonly KafkaMockCluster _cluster = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cdp-collector-" + Guid.NewGuid().ToString("N"));

    private static string Sample => SharedSample.Path;

    public async Task InitializeAsync()
    {
        _cluster.CreateTopic("events", 2);
        _app = WebHost.Build(["--urls", "http://127.0.0.1:0"], options =>
        {
            options.Kafka = _cluster.BootstrapServers;
            options.SourceFile = Sample;
            options.DataDirectory = _data;
            options.AdminPassword = "collector-admin-password";
        }, TextWriter.Null);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(WebHost.Addresses(_app)[0]) };
        var users = _app.Services.GetRequiredService<UserStore>();
        Assert.Null(users.Save("collector", Roles.Editor, "collector-password-1"));
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", users.CreateApiKey("collector"));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        // Disposing a started host does not stop it: its ingest worker would go on writing into the folder being deleted.
        await _app.StopAsync();
        await _app.DisposeAsync();
        _cluster.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [SampleFact]
    public async Task The_source_pages_through_the_whole_file()
    {
        var seen = new List<string>();
        long? offset = 0;
        while (offset is { } from)
        {
            var page = await _http.GetFromJsonAsync<JsonElement>($"/api/source/events?offset={from}&limit=5000");
            Assert.Equal(17_434, page.GetProperty("total").GetInt64());
            foreach (var e in page.GetProperty("events").EnumerateArray())
            {
                Assert.True(EventJson.TryParse(e.GetRawText(), out var parsed, out var reason), reason);
                seen.Add(parsed!.ToString());
            }

            offset = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }

        var source = EventFileReader.ReadFile(Sample).Select(l => l.Event!.ToString()).ToList();
        Assert.Equal(source, seen);
    }

    [SampleFact]
    public async Task A_page_in_the_middle_starts_at_its_offset()
    {
        var page = await _http.GetFromJsonAsync<JsonElement>("/api/source/events?offset=12345&limit=2");
        var expected = EventFileReader.ReadFile(Sample).Skip(12345).Take(2).Select(l => l.Event!.ToString()).ToList();
        var actual = page.GetProperty("events").EnumerateArray().Select(e => { EventJson.TryParse(e.GetRawText(), out var p, out _); return p!.ToString(); }).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(12347, page.GetProperty("next").GetInt64());
    }

    [SampleFact]
    public async Task The_collector_produces_valid_events_and_names_the_refused_ones()
    {
        var good = EventFileReader.ReadFile(Sample).Take(3).Select(l => JsonDocument.Parse(EventJson.ToUtf8(l.Event!)).RootElement).ToList();
        var body = $$"""
            [{{good[0]}}, {"event_type": "view"}, {{good[1]}}, {"event_time":"2019-10-01 00:00:00 UTC","event_type":"view","product_id":1,"category_id":2,"category_code":null,"brand":null,"price":-3,"user_id":3,"user_session":null}, {{good[2]}}]
            """;
        var response = await _http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(
            """[{"index":1,"reason":"event_time is missing"},{"index":3,"reason":"price -3 is negative"}]""",
            answer.GetProperty("errors").GetRawText());

        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = "collector-test",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("events");
        var received = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (received.Count < 3 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } message)
            {
                Assert.True(EventJson.TryParse(message.Message.Value, out var e, out _));
                received.Add(e!.ToString());
            }
        }

        consumer.Close();
        Assert.Equal(good.Select(g => { EventJson.TryParse(g.GetRawText(), out var e, out _); return e!.ToString(); }).Order(), received.Order());
    }

    [Fact]
    public async Task Bad_bodies_get_problem_details()
    {
        var response = await _http.PostAsync("/api/events", new StringContent("{nope", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        response = await _http.PostAsync("/api/events", new StringContent("{\"x\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health")).StatusCode);
    }

    [SampleFact]
    public async Task A_body_over_the_cap_is_a_413_however_it_is_sent()
    {
        var element = JsonDocument.Parse(EventJson.ToUtf8(EventFileReader.ReadFile(Sample).First().Event!)).RootElement.GetRawText();
        var big = "[" + string.Join(',', Enumerable.Repeat(element, 40_000)) + "]"; // about 10 MB
        // (Expect: 100-continue lets the client hear an answer given before its body is sent, as curl does.)
        using var up = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(big, Encoding.UTF8, "application/json") };
        up.Headers.ExpectContinue = true;
        var declared = await _http.SendAsync(up);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Contains("at most 4,194,304 bytes", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Chunked, with no length said up front: the cap holds while it is read. The server answers and closes
        // before the client has sent it all, which HttpClient reports only as a broken pipe: a raw socket reads the answer.
        Assert.StartsWith("HTTP/1.1 413", await ChunkedStatusAsync(big), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health")).StatusCode);
    }

    private async Task<string> ChunkedStatusAsync(string body)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(_http.BaseAddress!.Host, _http.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/events HTTP/1.1\r\nHost: {_http.BaseAddress.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nAuthorization: {_http.DefaultRequestHeaders.Authorization}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var bytes = Encoding.UTF8.GetBytes(body);
        try
        {
            for (var at = 0; at < bytes.Length; at += 64 * 1024)
            {
                var length = Math.Min(64 * 1024, bytes.Length - at);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{length:X}\r\n"));
                await stream.WriteAsync(bytes.AsMemory(at, length));
                await stream.WriteAsync("\r\n"u8.ToArray());
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // the server stopped reading: its answer is already on the way
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }

    [SampleFact]
    public async Task Events_the_lake_cannot_hold_are_refused_one_by_one_and_the_rest_go_on()
    {
        var good = JsonDocument.Parse(EventJson.ToUtf8(EventFileReader.ReadFile(Sample).First().Event!)).RootElement.GetRawText();
        var huge = System.Text.RegularExpressions.Regex.Replace(good, "\"price\":[0-9.]+", "\"price\":1E16");
        var future = System.Text.RegularExpressions.Regex.Replace(good, "\"event_time\":\"[^\"]+\"", "\"event_time\":\"9999-12-31 00:00:00 UTC\"");
        var cents = System.Text.RegularExpressions.Regex.Replace(good, "\"price\":[0-9.]+", "\"price\":1.999");
        var response = await _http.PostAsync("/api/events", new StringContent($"[{huge},{good},{future},{cents}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        var reasons = answer.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([0, 2, 3], reasons.Select(r => r.Item1));
        Assert.Contains("is not a number", reasons[0].Item2, StringComparison.Ordinal); // 1E16: not the data set's decimal form
        Assert.Contains("in the future", reasons[1].Item2, StringComparison.Ordinal);
        Assert.Contains("more than 2 decimals", reasons[2].Item2, StringComparison.Ordinal);
    }
}

/// <summary><c>cdp serve --kafka --data</c>: events posted to the collector end up in the lake through the hosted worker.</summary>
public sealed class ServeIngestTests
{
    [SampleFact]
    public async Task Posted_events_reach_the_lake_through_the_hosted_worker()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("events", 2);
        cluster.CreateTopic("events.dead-letter", 1);
        var data = Path.Combine(Path.GetTempPath(), "cdp-serve-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var app = WebHost.Build(["--urls", "http://127.0.0.1:0"], options =>
            {
                options.Kafka = cluster.BootstrapServers;
                options.DataDirectory = data;
                options.AdminPassword = "collector-admin-password";
            }, TextWriter.Null);
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(WebHost.Addresses(app)[0]) };
            var sample = SharedSample.Path;
            var events = EventFileReader.ReadFile(sample).Take(500).Select(l => JsonDocument.Parse(EventJson.ToUtf8(l.Event!)).RootElement).ToList();
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/events", events)).StatusCode); // nothing reaches Kafka unsigned
            http.DefaultRequestHeaders.Add("X-Api-Key", app.Services.GetRequiredService<UserStore>().CreateApiKey("admin"));
            var response = await http.PostAsJsonAsync("/api/events", events);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

            // The worker writes a batch by age (5 s) at the latest.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            var held = 0;
            while (held < 500 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
                held = Directory.Exists(data) ? await Pipeline.Lake.EventLakeReader.ReadAsync(data).CountAsync() : 0;
            }

            Assert.Equal(500, held);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public async Task With_its_worker_off_the_host_only_collects_and_a_dedicated_worker_gets_every_event()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("events", 4);
        cluster.CreateTopic("events.dead-letter", 1);
        var data = Path.Combine(Path.GetTempPath(), "cdp-collect-only-" + Guid.NewGuid().ToString("N")[..8]);
        var lake = data + "-worker";
        try
        {
            await using var app = WebHost.Build(["--urls", "http://127.0.0.1:0", "--ingest-worker", "false"], options =>
            {
                options.Kafka = cluster.BootstrapServers;
                options.DataDirectory = data;
                options.AdminPassword = "collector-admin-password";
            }, TextWriter.Null);
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(WebHost.Addresses(app)[0]) };
            http.DefaultRequestHeaders.Add("X-Api-Key", app.Services.GetRequiredService<UserStore>().CreateApiKey("admin"));
            using var generated = new StringWriter();
            new EventGenerator(new GeneratorOptions(400, 50, 2, new DateOnly(2019, 10, 1), 5)).Write(generated);
            var events = EventFileReader.Read(new StringReader(generated.ToString()), "generated").Select(l => JsonDocument.Parse(EventJson.ToUtf8(l.Event!)).RootElement).ToList();
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/events", events)).StatusCode);

            // The dedicated worker, in the same group the host's worker would join: it alone reads every event.
            var worker = new KafkaIngest(new KafkaIngestOptions(cluster.BootstrapServers, lake, UntilIdle: TimeSpan.FromSeconds(3)));
            await worker.RunAsync();
            Assert.Equal(events.Count, worker.Accepted);
            Assert.False(Directory.Exists(Pipeline.Lake.LakeLayout.EventsRoot(data)), "the host wrote events although its worker is off");
        }
        finally
        {
            foreach (var folder in new[] { data, lake })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }
}
