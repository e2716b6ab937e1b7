using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Pipeline.Events;

namespace Cdp.Web.Tests;

/// <summary>
/// Computed metrics through the API, as an editor defines one: checked and previewed as typed, refused with its
/// reason, then in the catalog at once (a rule's preview computes it over the lake), computed by the next run, shown
/// on the customer page, and kept while a segment names it.
/// </summary>
public sealed class ComputedMetricsApiTests : IAsyncLifetime
{
    private const string Expression = "count(carts WHERE category_code STARTS WITH 'electronics' IN LAST 7d)";
    private PrivateHost _host = null!;

    private HttpClient Editor => _host.Editor;

    public async Task InitializeAsync() => _host = await PrivateHost.StartAsync("computed", new GeneratorOptions(20_000, 600, 10, new DateOnly(2019, 10, 1), 11));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_metric_is_checked_previewed_saved_computed_by_the_next_run_and_kept_while_a_segment_names_it()
    {
        var wrong = await Json(await Editor.PostAsJsonAsync("/api/metrics/computed/preview", new { expression = "count(carts WHERE brnd = 'x')" }));
        Assert.False(wrong.GetProperty("valid").GetBoolean());
        Assert.Equal("unknown event field `brnd`; did you mean `brand`?", wrong.GetProperty("diagnostics")[0].GetProperty("message").GetString());

        var preview = await Json(await Editor.PostAsJsonAsync("/api/metrics/computed/preview", new { expression = Expression }));
        Assert.Equal("int", preview.GetProperty("type").GetString());
        Assert.Equal(preview.GetProperty("total").GetInt64(), preview.GetProperty("withValue").GetInt64()); // a count is never NULL
        Assert.Equal(10, preview.GetProperty("sample").GetArrayLength());
        Assert.Contains(preview.GetProperty("sample").EnumerateArray(), s => s.GetProperty("value").GetInt64() > 0);

        Assert.Equal(HttpStatusCode.BadRequest, (await Editor.PostAsJsonAsync("/api/metrics/computed", new { name = "Electronics Carts", expression = Expression })).StatusCode);
        var mistaken = await Editor.PostAsJsonAsync("/api/metrics/computed", new { name = "electronics_carts_7d", expression = "count(cart)" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mistaken.StatusCode);
        Assert.Equal("CDP0107", (await Json(mistaken)).GetProperty("diagnostics")[0].GetProperty("code").GetString());
        var saved = await Editor.PostAsJsonAsync("/api/metrics/computed", new { name = "electronics_carts_7d", expression = Expression, description = "Electronics carts this week" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal("int", (await Json(saved)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Editor.PostAsJsonAsync("/api/metrics/computed", new { name = "electronics_carts_7d", expression = "count(carts)" })).StatusCode);

        var catalog = await Editor.GetFromJsonAsync<JsonElement>("/api/catalog");
        var listed = catalog.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "electronics_carts_7d");
        Assert.Equal(Expression, listed.GetProperty("expression").GetString());
        var metrics = await Editor.GetFromJsonAsync<JsonElement>("/api/metrics");
        Assert.Contains(metrics.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("name").GetString() == "electronics_carts_7d");

        // Before any run computed it, a rule naming it is previewed over the lake; the run then gives that count.
        const string Rule = "electronics_carts_7d >= 1 AND is_buyer";
        var beforeRun = await Json(await Editor.PostAsJsonAsync("/api/segments/preview", new { rule = Rule }));
        Assert.Equal(Rule, beforeRun.GetProperty("canonical").GetString());
        var previewed = beforeRun.GetProperty("count").GetInt64();
        var segment = await Json(await Editor.PostAsJsonAsync("/api/segments", new { name = "electronics_carters", rule = Rule }));
        Assert.Equal(Rule, segment.GetProperty("rule").GetString());
        await _host.RunNowAsync("2019-10-10");
        var evaluated = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/electronics_carters");
        Assert.InRange(evaluated.GetProperty("size").GetInt64(), 1, 599);
        Assert.Equal(previewed, evaluated.GetProperty("size").GetInt64());

        var member = (await Editor.GetFromJsonAsync<JsonElement>("/api/segments/electronics_carters/members?limit=1")).GetProperty("profiles")[0].GetProperty("userId").GetInt64();
        var customer = await Editor.GetFromJsonAsync<JsonElement>($"/api/profiles/{member}");
        var value = customer.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "electronics_carts_7d");
        Assert.True(value.GetProperty("value").GetInt64() >= 1);

        var refused = await Editor.DeleteAsync("/api/metrics/computed/electronics_carts_7d");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("electronics_carters", (await Json(refused)).GetProperty("readBy")[0].GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync("/api/segments/electronics_carters")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync("/api/metrics/computed/electronics_carts_7d")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.DeleteAsync("/api/metrics/computed/electronics_carts_7d")).StatusCode);
        Assert.Equal(0, (await Editor.GetFromJsonAsync<JsonElement>("/api/metrics/computed")).GetArrayLength());
    }
}
