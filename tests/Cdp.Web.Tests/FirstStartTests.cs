using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Host.Services;

namespace Cdp.Web.Tests;

/// <summary>First start on an empty folder: a generated month, ingested, example segments, runs in the history.</summary>
[Collection(WebCollection.Name)]
public sealed class FirstStartTests(WebAppFixture app)
{
    [Fact]
    public async Task A_fresh_folder_gets_a_month_of_events_profiles_and_example_segments_with_progress()
    {
        Assert.Contains("ingest: accepted=60000 rejected=0", app.FirstStartLog, StringComparison.Ordinal);
        Assert.Contains("etl: profiles and segments as of 2019-10-31 (3/3)", app.FirstStartLog, StringComparison.Ordinal);
        Assert.Contains($"cdp: ready: {app.Profiles().Count:N0} profiles as of 2019-10-31", app.FirstStartLog, StringComparison.Ordinal);

        using var client = app.Client(app.ViewerKey);
        var runs = (await client.GetFromJsonAsync<JsonElement>("/api/runs")).GetProperty("runs").EnumerateArray()
            .Where(r => r.GetProperty("trigger").GetString() == "first start").Select(r => r.GetProperty("asOf").GetString()).ToList();
        Assert.Equal(["2019-10-31", "2019-10-30", "2019-10-29"], runs);
        var segments = (await client.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.All(FirstStart.ExampleSegments, example => Assert.Contains(example.Name, segments));
    }

    [Fact]
    public async Task A_folder_with_events_is_left_as_it_is()
    {
        var before = Directory.GetFiles(app.DataDirectory, "*.parquet", SearchOption.AllDirectories).Length;
        var log = new StringWriter();
        await FirstStart.PrepareAsync(app.DataDirectory, new Pipeline.Events.GeneratorOptions(10, 1, 1, new DateOnly(2019, 10, 1), 1), 1, log);
        Assert.Equal("", log.ToString());
        Assert.Equal(before, Directory.GetFiles(app.DataDirectory, "*.parquet", SearchOption.AllDirectories).Length);
    }
}
