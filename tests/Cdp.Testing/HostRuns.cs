using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cdp.Testing;

/// <summary>"Run now" through a running host's API, as the web app's ETL runs page starts and follows a run.</summary>
public static class HostRuns
{
    /// <summary>Starts a run as of a day and waits (at most two minutes) for it to end; it must succeed.</summary>
    public static async Task RunNowAsync(HttpClient editor, string asOf)
    {
        ArgumentNullException.ThrowIfNull(editor);
        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsJsonAsync("/api/runs", new { asOf })).StatusCode);
        await WaitForRunAsync(editor);
    }

    /// <summary>Waits (at most two minutes) for the run going to end; the latest run must have succeeded.</summary>
    public static async Task WaitForRunAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        JsonElement runs;
        do
        {
            await Task.Delay(100);
            runs = await client.GetFromJsonAsync<JsonElement>("/api/runs");
        }
        while (runs.GetProperty("running").ValueKind != JsonValueKind.Null && DateTime.UtcNow < deadline);
        Assert.Equal("succeeded", runs.GetProperty("runs")[0].GetProperty("status").GetString());
    }
}
