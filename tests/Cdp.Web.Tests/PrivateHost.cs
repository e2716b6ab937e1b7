using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Cdp.Host.Web;

namespace Cdp.Web.Tests;

/// <summary>
/// A host of a test's own, for tests that change the store (imports, runs at other days): a small first-start
/// folder, the host on a free loopback port, and an editor's API client. Disposing deletes the folder.
/// </summary>
internal sealed class PrivateHost : IAsyncDisposable
{
    private PrivateHost(string data, WebApplication app, HttpClient editor, string editorKey) =>
        (DataDirectory, App, Editor, EditorKey) = (data, app, editor, editorKey);

    public string DataDirectory { get; }

    public WebApplication App { get; }

    public HttpClient Editor { get; }

    public string EditorKey { get; }

    public string Address => WebHost.Addresses(App)[0];

    /// <param name="arguments">More of the host's arguments, given the data folder.</param>
    public static async Task<PrivateHost> StartAsync(string prefix, GeneratorOptions sample, Func<string, string[]>? arguments = null)
    {
        var data = Path.Combine(Path.GetTempPath(), $"cdp-{prefix}-" + Guid.NewGuid().ToString("N")[..8]);
        await FirstStart.PrepareAsync(data, sample, 1, TextWriter.Null);
        var app = WebHost.Build(["--urls", "http://127.0.0.1:0", "--data", data, .. arguments?.Invoke(data) ?? []], options => options.AdminPassword = WebAppFixture.AdminPassword, TextWriter.Null);
        await app.StartAsync();
        var users = app.Services.GetRequiredService<UserStore>();
        Assert.Null(users.Save("eddie", Roles.Editor, WebAppFixture.EditorPassword));
        var key = users.CreateApiKey("eddie");
        var editor = new HttpClient { BaseAddress = new Uri(WebHost.Addresses(app)[0]) };
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new PrivateHost(data, app, editor, key);
    }

    /// <summary>"Run now" as of a day, waiting (at most two minutes) for the run to end; it must succeed.</summary>
    public Task RunNowAsync(string asOf) => HostRuns.RunNowAsync(Editor, asOf);

    /// <summary>Waits (at most two minutes) for the run going to end; the latest run must have succeeded.</summary>
    public Task WaitForRunAsync() => HostRuns.WaitForRunAsync(Editor);

    public async ValueTask DisposeAsync()
    {
        Editor.Dispose();
        await App.StopAsync(); // disposing a started host does not stop it: its workers would write into the folder being deleted
        await App.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
