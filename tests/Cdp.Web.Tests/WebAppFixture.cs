using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Cdp.Host.Web;

namespace Cdp.Web.Tests;

/// <summary>
/// The web app on a real server on a free loopback port, over a data folder made by first start itself
/// (generated month, ingested, example segments, profiles for the last 3 days), with an admin from
/// configuration and an editor and a viewer with API keys.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string AdminPassword = "admin-password-for-tests";
    public const string EditorPassword = "editor-password-for-tests";
    public const string ViewerPassword = "viewer-password-for-tests";
    public static readonly DateOnly AsOf = new(2019, 10, 31);

    private WebApplication _app = null!;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "cdp-web-" + Guid.NewGuid().ToString("N"));

    public string FirstStartLog { get; private set; } = "";

    public Uri Address { get; private set; } = null!;

    public string AdminKey { get; private set; } = "";

    public string EditorKey { get; private set; } = "";

    public string ViewerKey { get; private set; } = "";

    public IServiceProvider Services => _app.Services;

    public async Task InitializeAsync()
    {
        var log = new StringWriter();
        await FirstStart.PrepareAsync(DataDirectory, new GeneratorOptions(60_000, 2_000, 31, new DateOnly(2019, 10, 1), 7), 3, log);
        FirstStartLog = log.ToString();
        _app = WebHost.Build(["--urls", "http://127.0.0.1:0", "--data", DataDirectory], options =>
        {
            options.AdminPassword = AdminPassword;
            options.SignInAttemptsPerMinute = 1000; // the collection's browser tests sign in often; SignInTests test the brake itself
        }, TextWriter.Null);
        await _app.StartAsync();
        Address = new Uri(WebHost.Addresses(_app)[0]);
        var users = _app.Services.GetRequiredService<UserStore>();
        Assert.Null(users.Save("eddie", Roles.Editor, EditorPassword));
        Assert.Null(users.Save("vera", Roles.Viewer, ViewerPassword));
        AdminKey = users.CreateApiKey("admin");
        EditorKey = users.CreateApiKey("eddie");
        ViewerKey = users.CreateApiKey("vera");
    }

    public async Task DisposeAsync()
    {
        // Disposing a started host does not stop it: its workers would go on writing into the folder being deleted.
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>A client that signs in with an API key (none: anonymous).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>A client that behaves as the web app in a browser does: cookies kept, the anti-forgery header sent.</summary>
    public HttpClient Browser(CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-CDP-Request", "1");
        return client;
    }

    /// <summary>A browser signed in as a user, and the raw cookie its session rests on (to replay it later).</summary>
    public async Task<(HttpClient Browser, string Cookie)> SignedInAsync(string user, string password)
    {
        var cookies = new CookieContainer();
        var browser = Browser(cookies);
        (await browser.PostAsJsonAsync("/api/session", new { user, password })).EnsureSuccessStatusCode();
        return (browser, cookies.GetCookieHeader(Address));
    }

    /// <summary>A client that sends exactly this cookie (an old one kept by an attacker, say) and the anti-forgery header.</summary>
    public HttpClient WithCookie(string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        client.DefaultRequestHeaders.Add("X-CDP-Request", "1");
        return client;
    }

    /// <summary>The stored profiles, read straight from the store (not through the API).</summary>
    public IReadOnlyList<ProfileRow> Profiles()
    {
        using var store = EmbeddedStore.Open(DataDirectory, ProfileCatalog.Default);
        return store.Profiles().ToList();
    }

    /// <summary>The members by the reference evaluator, as of the profiles' day.</summary>
    public IReadOnlyList<long> ReferenceMembers(string rule)
    {
        var parsed = Rule.Parse(rule, ProfileCatalog.Default.Catalog).Rule!; // once, not once a profile
        return Profiles().Where(p => parsed.Evaluate(p.Metrics, RuleClock.AsOfDate(AsOf)) == TruthValue.True).Select(p => p.UserId).ToList();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "web app";
}
