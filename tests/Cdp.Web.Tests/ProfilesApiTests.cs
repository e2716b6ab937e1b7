using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Pipeline.Metrics;

namespace Cdp.Web.Tests;

/// <summary>Profiles through the API agree with the store: totals, order, filters, pages, one customer's detail.</summary>
[Collection(WebCollection.Name)]
public sealed class ProfilesApiTests(WebAppFixture app)
{
    [Fact]
    public async Task Pages_cover_every_profile_once_in_user_id_order()
    {
        using var client = app.Client(app.ViewerKey);
        var expected = app.Profiles().Select(p => p.UserId).ToList();
        var seen = new List<long>();
        for (var offset = 0; ; offset += 1000)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/profiles?offset={offset}&limit=1000");
            Assert.Equal(expected.Count, page.GetProperty("total").GetInt64());
            var ids = page.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("userId").GetInt64()).ToList();
            seen.AddRange(ids);
            if (ids.Count < 1000)
            {
                break;
            }
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Sorting_by_a_metric_descending_puts_nulls_last()
    {
        using var client = app.Client(app.ViewerKey);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/profiles?sort=avg_order_value&order=desc&limit=1000&offset=0");
        var values = page.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("metrics").GetProperty("avg_order_value"))
            .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToList();
        var expected = app.Profiles().Select(p => (double?)p.Metrics["avg_order_value"]).OrderByDescending(v => v.HasValue).ThenByDescending(v => v).Take(1000).ToList();
        Assert.Equal(expected, values);
        Assert.Contains(values, v => v is null); // the sample has customers who never bought: the order is tested across NULLs
    }

    [Fact]
    public async Task A_rule_filter_selects_what_the_reference_evaluator_selects()
    {
        const string Rule = "sessions_7d >= 2 AND NOT (cart_rate < 0.05) OR top_category_30d STARTS WITH 'electronics'";
        using var client = app.Client(app.ViewerKey);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/profiles?filter={Uri.EscapeDataString(Rule)}&limit=1000");
        var expected = app.ReferenceMembers(Rule);
        Assert.InRange(expected.Count, 1, 999);
        Assert.Equal(expected.Count, page.GetProperty("total").GetInt64());
        Assert.Equal(expected, page.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("userId").GetInt64()).ToList());
    }

    [Fact]
    public async Task Search_finds_ids_by_their_first_digits()
    {
        using var client = app.Client(app.ViewerKey);
        var someone = app.Profiles()[17].UserId.ToString(CultureInfo.InvariantCulture);
        var prefix = someone[..6];
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/profiles?search={prefix}&limit=1000");
        var expected = app.Profiles().Select(p => p.UserId.ToString(CultureInfo.InvariantCulture)).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, page.GetProperty("profiles").EnumerateArray().Select(p => p.GetProperty("userId").GetInt64().ToString(CultureInfo.InvariantCulture)).ToList());
    }

    [Theory]
    [InlineData("/api/profiles?sort=spend_30d%3B%20DROP%20TABLE%20profiles", 400, "cannot sort by `spend_30d; DROP TABLE profiles`")]
    [InlineData("/api/profiles?search=1%27%20OR%201%3D1", 400, "search takes the digits of a user_id")]
    [InlineData("/api/profiles?order=sideways", 400, "order is asc or desc")]
    [InlineData("/api/profiles?filter=spend_30d%20%3E%20", 422, "1:13")]
    [InlineData("/api/profiles/abc", 400, "a profile id is a user_id")]
    [InlineData("/api/profiles/1", 404, "user 1 has no profile as of 2019-10-31")]
    public async Task Bad_requests_get_a_problem_that_says_what_and_where(string path, int status, string message)
    {
        using var client = app.Client(app.ViewerKey);
        var response = await client.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(app.Profiles().Count, (await client.GetFromJsonAsync<JsonElement>("/api/profiles?limit=1")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_customer_has_every_metric_their_days_their_events_and_their_segments_with_why()
    {
        using var client = app.Client(app.ViewerKey);
        var buyer = app.Profiles().First(p => p.Metrics["is_buyer"] is true && (long)p.Metrics["sessions_7d"]! > 0);
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/profiles/{buyer.UserId}");

        var metrics = detail.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(ProfileCatalog.Default.Declarations.Select(d => d.Name), metrics.Select(m => m.GetProperty("name").GetString()));
        Assert.All(metrics, m => Assert.False(string.IsNullOrEmpty(m.GetProperty("description").GetString())));
        Assert.Equal((long)buyer.Metrics["purchases_total"]!, metrics.Single(m => m.GetProperty("name").GetString() == "purchases_total").GetProperty("value").GetInt64());

        var days = detail.GetProperty("days").EnumerateArray().ToList();
        Assert.NotEmpty(days);
        Assert.Equal((long)buyer.Metrics["events_total"]!, days.Sum(d => d.GetProperty("events").GetInt64()));

        var events = detail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("time").GetDateTime()).ToList();
        Assert.NotEmpty(events);
        Assert.Equal(events.OrderByDescending(t => t), events);
        Assert.Equal((DateTime)buyer.Metrics["last_seen_at"]!, events[0].ToUniversalTime());

        foreach (var segment in detail.GetProperty("segments").EnumerateArray())
        {
            var name = segment.GetProperty("name").GetString()!;
            var rule = segment.GetProperty("rule").GetString()!;
            Assert.Equal(app.ReferenceMembers(rule).Contains(buyer.UserId), segment.GetProperty("member").GetBoolean());
            Assert.Equal(segment.GetProperty("member").GetBoolean() ? "true" : segment.GetProperty("value").GetString(), segment.GetProperty("why").GetProperty("value").GetString());
            Assert.False(string.IsNullOrEmpty(name));
        }
    }
}
