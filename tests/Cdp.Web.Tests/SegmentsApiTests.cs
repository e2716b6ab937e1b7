using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Metrics;

namespace Cdp.Web.Tests;

/// <summary>Segments through the API: preview, save with validation and versions, members, CSV, explain.</summary>
[Collection(WebCollection.Name)]
public sealed class SegmentsApiTests(WebAppFixture app)
{
    [Theory]
    [InlineData("sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)")]
    [InlineData("NOT (cart_rate >= 0.05) AND views_30d > 5")]
    [InlineData("top_brand_30d IN ('samsung', 'apple', 'xiaomi') OR lower(top_category_30d) CONTAINS 'kitchen'")]
    [InlineData("spend_30d - spend_7d > 50 OR coalesce(days_since_last_purchase, 999) < 3")]
    [InlineData("viewed_categories_30d HAS 'electronics.smartphone' AND NOT is_buyer")]
    public async Task The_preview_counts_what_the_reference_evaluator_selects(string rule)
    {
        using var client = app.Client(app.ViewerKey);
        var response = await client.PostAsJsonAsync("/api/segments/preview", new { rule });
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(preview.GetProperty("valid").GetBoolean(), preview.ToString());
        var expected = app.ReferenceMembers(rule);
        Assert.Equal(expected.Count, preview.GetProperty("count").GetInt64());
        Assert.Equal(app.Profiles().Count, preview.GetProperty("total").GetInt64());
        Assert.Equal(expected.Take(10), preview.GetProperty("sample").EnumerateArray().Select(s => s.GetProperty("userId").GetInt64()));
    }

    [Fact]
    public async Task Every_keystroke_of_a_rule_gets_an_answer_never_a_server_error()
    {
        const string Rule = "NOT (is_buyer OR views_30d < 5) AND top_brand_30d IN ('apple', 'sony') OR days_since(last_seen_at) > 3";
        using var client = app.Client(app.ViewerKey);
        for (var length = 1; length <= Rule.Length; length++)
        {
            var response = await client.PostAsJsonAsync("/api/segments/preview", new { rule = Rule[..length] });
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for `{Rule[..length]}`");
        }
    }

    [Fact]
    public async Task A_preview_of_a_rule_with_a_typo_says_where_and_offers_the_fix()
    {
        using var client = app.Client(app.ViewerKey);
        var preview = await client.PostAsJsonAsync("/api/segments/preview", new { rule = "sessions_7d > 3 AND cart_rte >= 0.2" });
        var body = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("valid").GetBoolean());
        var diagnostic = Assert.Single(body.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(20, diagnostic.GetProperty("start").GetInt32());
        Assert.Equal(8, diagnostic.GetProperty("length").GetInt32());
        Assert.Equal("cart_rate", diagnostic.GetProperty("suggestion").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("count").ValueKind);
    }

    [Fact]
    public async Task Rule_text_from_the_browser_gets_the_same_limits_and_no_injection()
    {
        using var client = app.Client(app.ViewerKey);
        var huge = string.Join(" OR ", Enumerable.Repeat("sessions_7d > 1", 800));
        var tooLong = await (await client.PostAsJsonAsync("/api/segments/preview", new { rule = huge })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(tooLong.GetProperty("valid").GetBoolean());
        Assert.Contains("10000", tooLong.GetProperty("diagnostics")[0].GetProperty("message").GetString()!.Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal);

        const string Hostile = "top_brand_30d = 'x''; DROP TABLE profiles; --' OR top_brand_30d = 'samsung'";
        var filtered = await client.GetFromJsonAsync<JsonElement>($"/api/profiles?filter={Uri.EscapeDataString(Hostile)}&limit=1");
        Assert.Equal(app.ReferenceMembers(Hostile).Count, filtered.GetProperty("total").GetInt64());
        var preview = await (await client.PostAsJsonAsync("/api/segments/preview", new { rule = Hostile })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(app.ReferenceMembers(Hostile).Count, preview.GetProperty("count").GetInt64());
        Assert.NotEmpty(app.Profiles());
    }

    [Fact]
    public async Task Saving_checks_the_rule_keeps_versions_and_evaluates_at_once()
    {
        using var editor = app.Client(app.EditorKey);
        var invalid = await editor.PostAsJsonAsync("/api/segments", new { name = "api_test_segment", rule = "spend_30d >> 10" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEmpty(problem.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/api/segments/api_test_segment")).StatusCode);

        var first = await editor.PostAsJsonAsync("/api/segments", new { name = "api_test_segment", rule = "spend_30d > 10", description = "first" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var taken = await editor.PostAsJsonAsync("/api/segments", new { name = "api_test_segment", rule = "spend_30d > 1", description = "a new one, by mistake" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("exists already", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var second = await editor.PostAsJsonAsync("/api/segments", new { name = "api_test_segment", rule = "spend_30d   >   100", description = "second", version = 1 });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var stale = await editor.PostAsJsonAsync("/api/segments", new { name = "api_test_segment", rule = "spend_30d > 5", description = "from an old tab", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(2, (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentVersion").GetInt32());

        var detail = await editor.GetFromJsonAsync<JsonElement>("/api/segments/api_test_segment");
        Assert.Equal(2, detail.GetProperty("version").GetInt32());
        Assert.Equal("spend_30d > 100", detail.GetProperty("rule").GetString());
        Assert.Equal("eddie", detail.GetProperty("owner").GetString());
        Assert.Equal(["spend_30d > 10", "spend_30d > 100"], detail.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("rule").GetString()));
        Assert.Equal("2019-10-31", detail.GetProperty("lastEvaluated").GetString());

        var expected = app.ReferenceMembers("spend_30d > 100");
        var listed = (await editor.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray().Single(s => s.GetProperty("name").GetString() == "api_test_segment");
        Assert.Equal(expected.Count, listed.GetProperty("size").GetInt64());

        var members = await editor.GetFromJsonAsync<JsonElement>("/api/segments/api_test_segment/members?limit=1000");
        Assert.Equal(expected, members.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("userId").GetInt64()));

        var csv = (await editor.GetStringAsync("/api/segments/api_test_segment/members.csv")).TrimEnd('\n').Split('\n');
        Assert.Equal("user_id," + string.Join(',', ProfileCatalog.Default.Declarations.Select(d => d.Name)), csv[0]);
        Assert.Equal(expected.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), csv.Skip(1).Select(line => line.Split(',')[0]));
    }

    [Fact]
    public async Task Size_over_time_comes_from_every_evaluated_day()
    {
        using var client = app.Client(app.ViewerKey);
        var detail = await client.GetFromJsonAsync<JsonElement>("/api/segments/engaged_shoppers");
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["2019-10-29", "2019-10-30", "2019-10-31"], history.Select(d => d.GetProperty("asOf").GetString()));
        for (var i = 1; i < history.Count; i++)
        {
            var members = history[i].GetProperty("members").GetInt64();
            Assert.Equal(members, history[i - 1].GetProperty("members").GetInt64() + history[i].GetProperty("entered").GetInt64() - history[i].GetProperty("exited").GetInt64());
        }

        Assert.Equal(app.ReferenceMembers(detail.GetProperty("rule").GetString()!).Count, history[^1].GetProperty("members").GetInt64());
    }

    [Fact]
    public async Task Explain_tells_why_a_member_is_in()
    {
        using var client = app.Client(app.ViewerKey);
        var member = app.ReferenceMembers("spend_30d >= 500")[0];
        var explained = await client.GetFromJsonAsync<JsonElement>($"/api/segments/big_spenders/explain/{member}");
        Assert.Equal("true", explained.GetProperty("value").GetString());
        var operand = Assert.Single(explained.GetProperty("why").GetProperty("operands").EnumerateArray());
        Assert.Equal("spend_30d", operand.GetProperty("expression").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/segments/no_such_segment/explain/1")).StatusCode);
    }

    [Fact]
    public async Task Check_and_compile_answer_for_the_editor()
    {
        using var client = app.Client(app.ViewerKey);
        var check = await (await client.PostAsJsonAsync("/api/rules/check", new { rule = "spend_30d>100 and is_buyer" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(check.GetProperty("valid").GetBoolean());
        Assert.Equal("spend_30d > 100 AND is_buyer", check.GetProperty("canonical").GetString());

        var compiled = await (await client.PostAsJsonAsync("/api/rules/compile", new { rule = "top_brand_30d = 'o''neil'", target = "spark" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("o\\'neil", compiled.GetProperty("text").GetString(), StringComparison.Ordinal);
        var unknown = await client.PostAsJsonAsync("/api/rules/compile", new { rule = "is_buyer", target = "oracle" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("the targets are", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editor_gets_tokens_and_the_language_lists_from_the_server()
    {
        using var client = app.Client(app.ViewerKey);
        var answer = await (await client.PostAsJsonAsync("/api/rules/tokens", new { rule = "spend_30d>100 and 'x" })).Content.ReadFromJsonAsync<JsonElement>();
        var tokens = answer.GetProperty("tokens").EnumerateArray()
            .Select(t => $"{t.GetProperty("kind").GetString()}:{t.GetProperty("start").GetInt32()}+{t.GetProperty("length").GetInt32()}")
            .ToList();
        Assert.Equal(["identifier:0+9", "operator:9+1", "number:10+3", "keyword:14+3", "text:18+2"], tokens);

        var catalog = await client.GetFromJsonAsync<JsonElement>("/api/catalog");
        Assert.Equal(Cdp.Rules.Parsing.RuleTokenizer.KeywordPhrases, catalog.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal([.. Cdp.Rules.Checking.Functions.All, "in_segment", "count", "sum", "avg", "min", "max", "first", "last"],
            catalog.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(Cdp.Rules.Syntax.EventKinds.Words, catalog.GetProperty("eventKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains(catalog.GetProperty("eventFields").EnumerateArray(), f => f.GetProperty("name").GetString() == "brand");
    }

    [Fact]
    public async Task Run_now_runs_the_etl_and_the_history_shows_it()
    {
        using var editor = app.Client(app.EditorKey);
        await HostRuns.RunNowAsync(editor, "2019-10-31");

        var last = (await editor.GetFromJsonAsync<JsonElement>("/api/runs")).GetProperty("runs")[0];
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal("web", last.GetProperty("trigger").GetString());
        Assert.Equal(app.Profiles().Count, last.GetProperty("profiles").GetInt64());
        var bad = await editor.PostAsJsonAsync("/api/runs", new { asOf = "31/10/2019" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_adds_up_the_daily_aggregates()
    {
        using var client = app.Client(app.ViewerKey);
        var dashboard = await client.GetFromJsonAsync<JsonElement>("/api/dashboard");
        Assert.Equal(app.Profiles().Count, dashboard.GetProperty("profiles").GetInt64());
        var days = dashboard.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(31, days.Count);
        Assert.Equal(60_000, days.Sum(d => d.GetProperty("events").GetInt64()));
        using var store = EmbeddedStore.Open(app.DataDirectory, ProfileCatalog.Default);
        Assert.Equal(store.Profiles().Sum(p => (decimal)p.Metrics["spend_total"]!), days.Sum(d => d.GetProperty("revenue").GetDecimal()));

        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray()
            .ToDictionary(x => x.GetProperty("name").GetString()!, x => x.GetProperty("size").GetInt64());
        var sizes = dashboard.GetProperty("segments").EnumerateArray().ToDictionary(x => x.GetProperty("name").GetString()!, x => x.GetProperty("size").GetInt64());
        Assert.Equal(listed.OrderBy(x => x.Key), sizes.OrderBy(x => x.Key)); // the segments list reads each one's history
    }
}
