using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Pipeline.Metrics;

namespace Cdp.Web.Tests;

/// <summary>The metrics page's data: every catalog metric, described, with a distribution that adds up to the stored profiles.</summary>
[Collection(WebCollection.Name)]
public sealed class MetricsApiTests(WebAppFixture app)
{
    [Fact]
    public async Task Every_metric_comes_with_how_it_is_spread_over_the_profiles()
    {
        using var client = app.Client(app.ViewerKey);
        var data = await client.GetFromJsonAsync<JsonElement>("/api/metrics");
        var profiles = app.Profiles();
        Assert.Equal(profiles.Count, data.GetProperty("profiles").GetInt64());
        var metrics = data.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal(ProfileCatalog.Default.Declarations.Select(d => d.Name), metrics.Keys);

        foreach (var (name, metric) in metrics)
        {
            var distribution = metric.GetProperty("distribution");
            var values = profiles.Count(p => p.Metrics.GetValueOrDefault(name) is not null);
            Assert.Equal(values, distribution.GetProperty("values").GetInt64());
            Assert.Equal(profiles.Count - values, distribution.GetProperty("nulls").GetInt64());
            var ranges = distribution.GetProperty("ranges").EnumerateArray().ToList();
            if (ranges.Count > 0)
            {
                Assert.Equal(values, ranges.Sum(r => r.GetProperty("count").GetInt64())); // every value in one range
            }
        }

        // Ranges run from the smallest value to the largest.
        var spend = profiles.Select(p => (decimal?)p.Metrics["spend_30d"]).OfType<decimal>().ToList();
        var spendRanges = metrics["spend_30d"].GetProperty("distribution").GetProperty("ranges").EnumerateArray().ToList();
        Assert.Equal((double)spend.Min(), spendRanges[0].GetProperty("from").GetDouble(), 6);
        Assert.Equal((double)spend.Max(), spendRanges[^1].GetProperty("to").GetDouble(), 6);

        // The most frequent values, counted as the profiles hold them.
        var top = metrics["top_category_30d"].GetProperty("distribution").GetProperty("top").EnumerateArray().First();
        var expected = profiles.Select(p => (string?)p.Metrics["top_category_30d"]).OfType<string>().GroupBy(v => v)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        Assert.Equal(expected.Key, top.GetProperty("value").GetString());
        Assert.Equal(expected.Count(), top.GetProperty("count").GetInt64());
        Assert.Equal("percent", metrics["cart_rate"].GetProperty("unit").GetString());
        Assert.DoesNotContain(" D", metrics["spend_30d"].GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
