using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Pipeline.Events;

namespace Cdp.Web.Tests;

/// <summary>
/// v2 through the API, as a marketer meets it: a segment with an aggregate is saved and says it is not evaluated
/// yet, the preview computes its aggregate over the lake at once (the count the next run then gives), "run now"
/// computes it; a segment built on it is evaluated at once; the one it reads cannot be archived, and a circle is
/// refused naming it.
/// </summary>
public sealed class LanguageV2ApiTests : IAsyncLifetime
{
    private const string Carters = "count(carts in last 7d) >= 2";
    private PrivateHost _host = null!;

    private HttpClient Editor => _host.Editor;

    public async Task InitializeAsync() => _host = await PrivateHost.StartAsync("v2", new GeneratorOptions(20_000, 600, 10, new DateOnly(2019, 10, 1), 7));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task An_aggregate_is_computed_by_the_next_run_and_a_segment_built_on_it_is_evaluated_at_once()
    {
        var saved = await Editor.PostAsJsonAsync("/api/segments", new { name = "carters", rule = Carters, description = "carted twice this week" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Json(saved)).GetProperty("size").ValueKind);
        var preview = await Json(await Editor.PostAsJsonAsync("/api/segments/preview", new { rule = Carters }));
        Assert.True(preview.GetProperty("valid").GetBoolean());
        var previewedBeforeTheRun = preview.GetProperty("count").GetInt64(); // computed over the lake on demand

        await _host.RunNowAsync("2019-10-10");
        var carters = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/carters");
        var size = carters.GetProperty("size").GetInt64();
        Assert.InRange(size, 1, 599);
        Assert.Equal(size, previewedBeforeTheRun);
        var previewed = await Json(await Editor.PostAsJsonAsync("/api/segments/preview", new { rule = Carters }));
        Assert.Equal(size, previewed.GetProperty("count").GetInt64());
        var other = await Json(await Editor.PostAsJsonAsync("/api/segments/preview", new { rule = "count(views where brand = 'samsung' in last 3d) >= 1" }));
        Assert.InRange(other.GetProperty("count").GetInt64(), 1, 599); // never saved, never run: over the lake

        var built = await Json(await Editor.PostAsJsonAsync("/api/segments", new { name = "carters_buying", rule = "in_segment('carters') AND is_buyer" }));
        Assert.InRange(built.GetProperty("size").GetInt64(), 0, size);
        var member = (await Editor.GetFromJsonAsync<JsonElement>("/api/segments/carters/members?limit=1")).GetProperty("profiles")[0].GetProperty("userId").GetInt64();
        var customer = await Editor.GetFromJsonAsync<JsonElement>($"/api/profiles/{member}");
        var explained = customer.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "carters");
        Assert.True(explained.GetProperty("member").GetBoolean());
        Assert.Contains("COUNT(carts IN LAST 7d)", explained.GetProperty("why").GetRawText(), StringComparison.Ordinal);

        // Behind the count, the events it reads: carts of the 7 days before the profiles' day ends, newest first.
        var evidence = explained.GetProperty("evidence").EnumerateArray().Single();
        Assert.Equal("COUNT(carts IN LAST 7d)", evidence.GetProperty("aggregate").GetString());
        var latest = evidence.GetProperty("latest").EnumerateArray().ToList();
        Assert.True(evidence.GetProperty("matching").GetInt64() >= 2);
        Assert.Equal(Math.Min(5, evidence.GetProperty("matching").GetInt64()), latest.Count);
        Assert.All(latest, e => Assert.Equal("cart", e.GetProperty("type").GetString()));
        var times = latest.Select(e => e.GetProperty("time").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.All(times, t => Assert.InRange(t, new DateTime(2019, 10, 4, 0, 0, 0, DateTimeKind.Utc), new DateTime(2019, 10, 11, 0, 0, 0, DateTimeKind.Utc)));
        var memberExplained = await Editor.GetFromJsonAsync<JsonElement>($"/api/segments/carters/explain/{member}");
        Assert.Equal(evidence.GetRawText(), memberExplained.GetProperty("evidence")[0].GetRawText());

        // The preview learns a saved segment's membership without waiting for a run (the snapshot reloads after a save).
        JsonElement reading = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            reading = await Json(await Editor.PostAsJsonAsync("/api/segments/preview", new { rule = "in_segment('carters_buying')" }));
            if (reading.GetProperty("count").ValueKind != JsonValueKind.Null)
            {
                break;
            }
        }

        Assert.Equal(built.GetProperty("size").GetInt64(), reading.GetProperty("count").GetInt64());

        var archive = await Editor.DeleteAsync("/api/segments/carters");
        Assert.Equal(HttpStatusCode.Conflict, archive.StatusCode);
        Assert.Contains("`carters` is read by `carters_buying`", await archive.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var circle = await Editor.PostAsJsonAsync("/api/segments", new { name = "carters", rule = "in_segment('carters_buying')", version = carters.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, circle.StatusCode);
        Assert.Contains("carters → carters_buying → carters", await circle.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
