using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Host.Services;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;

namespace Cdp.Web.Tests;

/// <summary>
/// What pages and exports show is the evaluation of the segment's current version as of the profiles' day,
/// never an older one; saves of one segment do not race; names that are accepted stay reachable; days at the
/// calendar's edge are a 400. On a data folder of its own, since these tests move the profiles' day.
/// </summary>
public sealed class StoreIntegrityTests : IAsyncLifetime
{
    private PrivateHost _host = null!;

    private HttpClient Editor => _host.Editor;

    private string Data => _host.DataDirectory;

    public async Task InitializeAsync() => _host = await PrivateHost.StartAsync("integrity", new GeneratorOptions(20_000, 800, 31, new DateOnly(2019, 10, 1), 5));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> Listed(string name) =>
        (await Editor.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    private IReadOnlyList<long> Reference(string rule, DateOnly asOf)
    {
        using var store = EmbeddedStore.Open(Data, ProfileCatalog.Default);
        var parsed = Rule.Parse(rule, ProfileCatalog.Default.Catalog).Rule!;
        return store.Profiles().Where(p => parsed.Evaluate(p.Metrics, RuleClock.AsOfDate(asOf)) == TruthValue.True).Select(p => p.UserId).ToList();
    }

    [Fact]
    public async Task A_version_that_matches_nobody_shows_zero_members_not_the_last_versions()
    {
        var before = await Listed("big_spenders");
        Assert.True(before.GetProperty("size").GetInt64() > 0);
        var saved = await Editor.PostAsJsonAsync("/api/segments", new { name = "big_spenders", rule = "spend_30d > 1000000000", version = before.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);

        var after = await Listed("big_spenders");
        Assert.Equal(0, after.GetProperty("size").GetInt64());
        Assert.Equal("2019-10-31", after.GetProperty("lastEvaluated").GetString());
        var members = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/big_spenders/members");
        Assert.Equal(0, members.GetProperty("total").GetInt64());
        Assert.Empty(members.GetProperty("profiles").EnumerateArray());
        var csv = (await Editor.GetStringAsync("/api/segments/big_spenders/members.csv")).TrimEnd('\n').Split('\n');
        Assert.Single(csv); // the header, and no member of the old version
        var detail = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/big_spenders");
        Assert.Equal(0, detail.GetProperty("history").EnumerateArray().Last().GetProperty("members").GetInt64());
        Assert.Equal(0, detail.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Every_page_follows_the_profiles_day_when_runs_move_it()
    {
        var far = await Editor.PostAsJsonAsync("/api/runs", new { asOf = "2019-12-31" });
        Assert.Equal(HttpStatusCode.Conflict, far.StatusCode);
        var warning = await far.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(warning.GetProperty("needsConfirmation").GetBoolean());
        Assert.Contains("last event is on 2019-10-31", warning.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await RunAsync("2019-12-31", confirm: true);
        foreach (var segment in FirstStart.ExampleSegments)
        {
            var listed = await Listed(segment.Name);
            Assert.Equal("2019-12-31", listed.GetProperty("lastEvaluated").GetString());
            Assert.Equal(Reference(segment.Rule, new DateOnly(2019, 12, 31)).Count, listed.GetProperty("size").GetInt64());
            var members = await Editor.GetFromJsonAsync<JsonElement>($"/api/segments/{segment.Name}/members");
            Assert.Equal(listed.GetProperty("size").GetInt64(), members.GetProperty("total").GetInt64());
        }

        var dashboard = await Editor.GetFromJsonAsync<JsonElement>("/api/dashboard");
        Assert.Equal("2019-12-31", dashboard.GetProperty("asOf").GetString());

        await RunAsync("2019-10-31", confirm: false);
        foreach (var segment in FirstStart.ExampleSegments)
        {
            var listed = await Listed(segment.Name);
            Assert.Equal("2019-10-31", listed.GetProperty("lastEvaluated").GetString());
            Assert.Equal(Reference(segment.Rule, new DateOnly(2019, 10, 31)).Count, listed.GetProperty("size").GetInt64());
            var onDashboard = (await Editor.GetFromJsonAsync<JsonElement>("/api/dashboard")).GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("name").GetString() == segment.Name);
            Assert.Equal(listed.GetProperty("size").GetInt64(), onDashboard.GetProperty("size").GetInt64());
        }
    }

    private async Task RunAsync(string asOf, bool confirm)
    {
        var started = await Editor.PostAsJsonAsync("/api/runs", new { asOf, confirm });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        for (var i = 0; i < 600; i++)
        {
            var runs = await Editor.GetFromJsonAsync<JsonElement>("/api/runs?limit=1");
            if (runs.GetProperty("running").ValueKind == JsonValueKind.Null && runs.GetProperty("runs")[0].GetProperty("asOf").GetString() == asOf
                && runs.GetProperty("runs")[0].GetProperty("status").GetString() != "running")
            {
                Assert.Equal("succeeded", runs.GetProperty("runs")[0].GetProperty("status").GetString());
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the run as of {asOf} did not end");
    }

    [Fact]
    public async Task Parallel_saves_of_one_segment_give_one_version_each_and_never_a_500()
    {
        var creates = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Editor.PostAsJsonAsync("/api/segments", new { name = "raced", rule = $"views_30d > {i}" })));
        Assert.All(creates, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Single(creates, r => r.StatusCode == HttpStatusCode.Created);

        var edits = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Editor.PostAsJsonAsync("/api/segments", new { name = "raced", rule = $"carts_30d > {i}", version = 1 })));
        Assert.All(edits, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Single(edits, r => r.StatusCode == HttpStatusCode.Created);

        var detail = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/raced");
        Assert.Equal([1, 2], detail.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(Reference(detail.GetProperty("rule").GetString()!, new DateOnly(2019, 10, 31)).Count, detail.GetProperty("size").GetInt64());
    }

    [Theory]
    [InlineData("a/b", "may not hold `/`")]
    [InlineData("..", "begins with a letter or a digit")]
    [InlineData(".", "begins with a letter or a digit")]
    [InlineData("<b>bold</b>", "may not hold `<`")]
    [InlineData("buyers\u202Egnp.exe", "U+202E")]
    [InlineData("trailing ", "does not end in a space")]
    [InlineData("a%2Fb", "may not hold `%`")]
    public async Task A_name_that_would_not_stay_reachable_is_refused_with_the_reason(string name, string reason)
    {
        var response = await Editor.PostAsJsonAsync("/api/segments", new { name, rule = "is_buyer" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain((await Editor.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray(), s => s.GetProperty("name").GetString() == name);
    }

    [Theory]
    [InlineData("Käufer 2019")]
    [InlineData("high-value.v2")]
    [InlineData("東京 buyers")]
    public async Task Every_accepted_name_is_reachable_everywhere(string name)
    {
        Assert.Equal(HttpStatusCode.Created, (await Editor.PostAsJsonAsync("/api/segments", new { name, rule = "is_buyer" })).StatusCode);
        var path = "/api/segments/" + Uri.EscapeDataString(name);
        foreach (var url in new[] { path, path + "/members", path + "/members.csv" })
        {
            Assert.Equal(HttpStatusCode.OK, (await Editor.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task Descriptions_are_bounded_and_hold_no_control_characters()
    {
        var nul = await Editor.PostAsJsonAsync("/api/segments", new { name = "described", rule = "is_buyer", description = "before\0after" });
        Assert.True(nul.StatusCode == HttpStatusCode.BadRequest, await nul.Content.ReadAsStringAsync());
        Assert.Contains("U+0000", await nul.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var huge = await Editor.PostAsJsonAsync("/api/segments", new { name = "described", rule = "is_buyer", description = new string('x', 2_000_000) });
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("at most 1000 characters", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.GetAsync("/api/segments/described")).StatusCode);
    }

    [Theory]
    [InlineData("/api/segments/spark-sql?asOf=9999-12-31")]
    [InlineData("/api/segments/spark-sql?asOf=0001-01-01")]
    public async Task A_day_at_the_edge_of_the_calendar_is_a_400_naming_the_parameter(string url)
    {
        var response = await Editor.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("asOf must lie between", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var run = await Editor.PostAsJsonAsync("/api/runs", new { asOf = "9999-12-31", confirm = true });
        Assert.Equal(HttpStatusCode.BadRequest, run.StatusCode);
        Assert.Contains("asOf must lie between", await run.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
