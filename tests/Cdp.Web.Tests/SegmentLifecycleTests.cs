using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Http.Headers;
using Cdp.Host.Security;
using Cdp.Pipeline.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Cdp.Web.Tests;

/// <summary>
/// Segments after they are saved: archived with their history kept and out of every list and run, restored as
/// they were, renamed with their whole history, duplicated; a taken, archived or reserved name is refused with
/// the reason. On a data folder of its own, since these tests change the segments.
/// </summary>
public sealed class SegmentLifecycleTests : IAsyncLifetime
{
    private PrivateHost _host = null!;

    private HttpClient Editor => _host.Editor;

    public async Task InitializeAsync() => _host = await PrivateHost.StartAsync("lifecycle", new GeneratorOptions(20_000, 800, 31, new DateOnly(2019, 10, 1), 5));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<string>> Names() =>
        [.. (await Editor.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];

    [Fact]
    public async Task An_archived_segment_leaves_lists_and_runs_keeps_its_name_and_comes_back_as_it_was()
    {
        var before = await Editor.GetStringAsync("/api/segments/big_spenders");
        var members = await Editor.GetStringAsync("/api/segments/big_spenders/members");
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync("/api/segments/big_spenders")).StatusCode);
        Assert.DoesNotContain("big_spenders", await Names());
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.GetAsync("/api/segments/big_spenders")).StatusCode);
        var archived = (await Editor.GetFromJsonAsync<JsonElement>("/api/segments/archived")).EnumerateArray().Single();
        Assert.Equal("big_spenders", archived.GetProperty("name").GetString());
        Assert.Equal("eddie", archived.GetProperty("archivedBy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.DeleteAsync("/api/segments/big_spenders")).StatusCode);

        // The name stays taken while archived.
        var taken = await Editor.PostAsJsonAsync("/api/segments", new { name = "big_spenders", rule = "is_buyer", version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("archived", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A run meanwhile does not evaluate it.
        var dashboard = await Editor.GetFromJsonAsync<JsonElement>("/api/dashboard");
        Assert.DoesNotContain("big_spenders", dashboard.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.PostAsync("/api/segments/big_spenders/restore", null)).StatusCode);
        Assert.Equal(before, await Editor.GetStringAsync("/api/segments/big_spenders"));
        Assert.Equal(members, await Editor.GetStringAsync("/api/segments/big_spenders/members"));
        Assert.Empty((await Editor.GetFromJsonAsync<JsonElement>("/api/segments/archived")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.PostAsync("/api/segments/big_spenders/restore", null)).StatusCode);
    }

    [Fact]
    public async Task A_renamed_segment_takes_its_versions_history_and_members_with_it()
    {
        var saved = await Editor.PostAsJsonAsync("/api/segments", new { name = "movers", rule = "sessions_7d >= 2", version = 0 });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var edited = await Editor.PostAsJsonAsync("/api/segments", new { name = "movers", rule = "sessions_7d >= 3", version = 1 });
        Assert.Equal(HttpStatusCode.Created, edited.StatusCode);
        var before = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/movers");
        var members = await Editor.GetStringAsync("/api/segments/movers/members");

        var renamed = await Editor.PostAsJsonAsync("/api/segments/movers/rename", new { name = "frequent visitors" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.GetAsync("/api/segments/movers")).StatusCode);
        var after = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/frequent%20visitors");
        Assert.Equal("frequent visitors", after.GetProperty("name").GetString());
        Assert.Equal(2, after.GetProperty("versions").GetArrayLength());
        Assert.Equal(before.GetProperty("history").GetRawText(), after.GetProperty("history").GetRawText());
        Assert.Equal(before.GetProperty("size").GetInt64(), after.GetProperty("size").GetInt64());
        Assert.Equal(members, await Editor.GetStringAsync("/api/segments/frequent%20visitors/members"));
        Assert.Contains("frequent visitors", await Names());
        Assert.DoesNotContain("movers", await Names());

        Assert.Equal(HttpStatusCode.Conflict, (await Editor.PostAsJsonAsync("/api/segments/frequent%20visitors/rename", new { name = "window_shoppers" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Editor.PostAsJsonAsync("/api/segments/frequent%20visitors/rename", new { name = "a/b" })).StatusCode);
        var reserved = await Editor.PostAsJsonAsync("/api/segments/frequent%20visitors/rename", new { name = "archived" });
        Assert.Equal(HttpStatusCode.BadRequest, reserved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.PostAsJsonAsync("/api/segments/movers/rename", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task Each_version_says_the_size_of_its_latest_evaluation()
    {
        var detail = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/window_shoppers");
        var current = detail.GetProperty("versions").EnumerateArray().Last();
        Assert.Equal(detail.GetProperty("size").GetInt64(), current.GetProperty("size").GetInt64());
        Assert.Equal(detail.GetProperty("lastEvaluated").GetString(), current.GetProperty("sizeAsOf").GetString());
    }

    [Fact]
    public async Task A_viewer_can_neither_archive_nor_rename_nor_restore()
    {
        var users = _host.App.Services.GetRequiredService<UserStore>();
        Assert.Null(users.Save("vera", Roles.Viewer, WebAppFixture.ViewerPassword));
        using var viewer = new HttpClient { BaseAddress = new Uri(_host.Address) };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", users.CreateApiKey("vera"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync("/api/segments/lapsed_buyers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/segments/lapsed_buyers/rename", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/segments/lapsed_buyers/restore", null)).StatusCode);
        Assert.Contains("lapsed_buyers", await Names());
    }
}
