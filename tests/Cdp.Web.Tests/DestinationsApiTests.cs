using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cdp.Pipeline.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Cdp.Web.Tests;

/// <summary>
/// The destinations API as the contract states it, and a webhook's requests as a receiver outside the project
/// sees them: the headers, the signature recomputed here by the documented recipe, the body's fields.
/// </summary>
public sealed class DestinationsApiTests : IAsyncLifetime
{
    private const string Secret = "S";
    private PrivateHost _host = null!;
    private WebhookReceiver _receiver = null!;

    private HttpClient Editor => _host.Editor;

    public async Task InitializeAsync()
    {
        _host = await PrivateHost.StartAsync("destinations", new GeneratorOptions(20_000, 600, 10, new DateOnly(2019, 10, 1), 11));
        _receiver = await WebhookReceiver.StartAsync(Secret, (_, _) => ReceiverAnswer.Ok);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _host.DisposeAsync();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_webhook_gets_the_full_sync_then_deltas_signed_as_documented()
    {
        var created = await Editor.PostAsJsonAsync("/api/destinations", new { name = "crm", kind = "webhook", url = _receiver.Url, secret = Secret, segments = new[] { "big_spenders" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var shown = await Json(created);
        Assert.Equal(("webhook", _receiver.Url, true), (shown.GetProperty("kind").GetString(), shown.GetProperty("url").GetString(), shown.GetProperty("hasSecret").GetBoolean()));
        Assert.DoesNotContain("\"secret\"", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await _host.RunNowAsync("2019-10-09");
        await _host.RunNowAsync("2019-10-10");
        var crm = await SettledAsync("crm");
        Assert.Equal((2, 0, 0), (crm.GetProperty("delivered").GetInt64(), crm.GetProperty("pending").GetInt64(), crm.GetProperty("parked").GetInt64()));

        var requests = _receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        foreach (var (contentType, key, signature, body) in requests)
        {
            Assert.Equal("application/json", contentType);
            Assert.Matches("^[0-9a-f]{64}$", key);
            // The recipe of docs/activation.md, by hand: HMAC-SHA256 with the secret over "t.body", lower-case hex.
            var t = signature.Split(',')[0]["t=".Length..];
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(t + ".").Concat(body).ToArray());
            Assert.Equal($"t={t},v1={Convert.ToHexStringLower(mac)}", signature);
            Assert.InRange(long.Parse(t, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }

        using var first = JsonDocument.Parse(requests[0].Body);
        var change = first.RootElement.GetProperty("changes")[0];
        Assert.Equal(["segment", "version", "as_of", "user_id", "change", "initial", "key", "rule_hash"], change.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("big_spenders", 1, "2019-10-09", "entered", true), (change.GetProperty("segment").GetString(), change.GetProperty("version").GetInt32(),
            change.GetProperty("as_of").GetString(), change.GetProperty("change").GetString(), change.GetProperty("initial").GetBoolean()));
        Assert.All(first.RootElement.GetProperty("changes").EnumerateArray(), c => Assert.True(c.GetProperty("initial").GetBoolean()));

        using var second = JsonDocument.Parse(requests[1].Body);
        Assert.All(second.RootElement.GetProperty("changes").EnumerateArray(), c => Assert.False(c.GetProperty("initial").GetBoolean()));
        Assert.All(second.RootElement.GetProperty("changes").EnumerateArray(), c => Assert.Equal("2019-10-10", c.GetProperty("as_of").GetString()));

        var log = await Json(await Editor.GetAsync("/api/destinations/crm/log"));
        Assert.All(log.EnumerateArray(), b => Assert.Equal(("delivered", 1, "HTTP 204"), (b.GetProperty("status").GetString(), b.GetProperty("attempts").GetInt32(), b.GetProperty("detail").GetString())));

        var test = await Json(await Editor.PostAsync("/api/destinations/crm/test", null));
        Assert.True(test.GetProperty("delivered").GetBoolean());
        Assert.Contains(_receiver.Changes.Values, c => c.Segment == "cdp_test");
    }

    [Fact]
    public async Task Mistakes_are_refused_with_their_field_and_only_editors_change_destinations()
    {
        async Task<string> Refusal(object request, HttpStatusCode status = HttpStatusCode.BadRequest)
        {
            var answer = await Editor.PostAsJsonAsync("/api/destinations", request);
            Assert.Equal(status, answer.StatusCode);
            return (await Json(answer)).GetProperty("detail").GetString()!;
        }

        Assert.Contains("10.0.0.8 is not loopback and not an allowed host", await Refusal(new { name = "inside", kind = "webhook", url = "http://10.0.0.8/admin", secret = "x" }), StringComparison.Ordinal);
        Assert.Contains("needs a `secret`", await Refusal(new { name = "unsigned", kind = "webhook", url = _receiver.Url }), StringComparison.Ordinal);
        Assert.Contains("start it with --kafka", await Refusal(new { name = "stream", kind = "kafka" }), StringComparison.Ordinal);
        Assert.Contains("absolute folder path", await Refusal(new { name = "folder", kind = "files", path = "relative" }), StringComparison.Ordinal);

        var folder = Path.Combine(_host.DataDirectory, "activation");
        Assert.Equal(HttpStatusCode.Created, (await Editor.PostAsJsonAsync("/api/destinations", new { name = "folder", kind = "files", path = folder, maxAttempts = 5 })).StatusCode);
        Assert.Contains("exists already", await Refusal(new { name = "folder", kind = "files", path = folder }, HttpStatusCode.Conflict), StringComparison.Ordinal);

        using var viewer = new HttpClient { BaseAddress = Editor.BaseAddress };
        viewer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            _host.App.Services.GetRequiredService<Cdp.Host.Security.UserStore>() is var users && users.Save("vic", Cdp.Host.Security.Roles.Viewer, WebAppFixture.ViewerPassword) is null ? users.CreateApiKey("vic") : "");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/destinations", new { name = "sneaky", kind = "files", path = folder })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync("/api/destinations/folder")).StatusCode);
        var listed = Assert.Single((await Json(await viewer.GetAsync("/api/destinations"))).EnumerateArray());
        Assert.Equal(("files", folder, 5, 0L, 0L, 0L), (listed.GetProperty("kind").GetString(), listed.GetProperty("path").GetString(), listed.GetProperty("maxAttempts").GetInt32(),
            listed.GetProperty("delivered").GetInt64(), listed.GetProperty("pending").GetInt64(), listed.GetProperty("parked").GetInt64()));

        await _host.RunNowAsync("2019-10-10");
        var batches = (await SettledAsync("folder")).GetProperty("delivered").GetInt64(); // one per example segment with members
        Assert.InRange(batches, 2, 4);
        Assert.Equal(batches, Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories).Length);
        Assert.Equal(batches, Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories).Length);

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync("/api/destinations/folder")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.DeleteAsync("/api/destinations/folder")).StatusCode);
    }

    /// <summary>Waits (at most a minute) until a destination has delivered something and has nothing pending; its listing then.</summary>
    private async Task<JsonElement> SettledAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var destination = (await Json(await Editor.GetAsync("/api/destinations"))).EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);
            if ((destination.GetProperty("delivered").GetInt64() > 0 && destination.GetProperty("pending").GetInt64() == 0) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(0, destination.GetProperty("pending").GetInt64());
                return destination;
            }

            await Task.Delay(50);
        }
    }
}
