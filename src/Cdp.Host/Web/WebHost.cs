using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Cdp.Host.Apis;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Events;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Web;

/// <summary>The web host of <c>cdp serve</c>: the web app, its API (signed in), the collector, and the background services.</summary>
public static class WebHost
{
    private const string CookieOrKey = "cookie-or-key";

    /// <summary>Builds the app: <c>--urls</c>, <c>--data</c>, <c>--kafka</c>, <c>--source-file</c> and the like come as configuration.</summary>
    public static WebApplication Build(string[] args, Action<CdpHostOptions>? configure = null, TextWriter? log = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });

        // One log line per request is noise at collector rates; configuration (Logging:LogLevel) can turn it back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning); // our own line says where it listens

        // The cookie keys live in DATA/keys (owner-only, like users.json): sessions survive restarts and no
        // machine-wide key ring is needed. There is no DPAPI on Linux, hence no XML encryptor to warn about.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddApplicationServices(builder.Configuration, configure);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        AddSignIn(builder.Services);
        builder.Services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.OnRejected = (context, cancellationToken) =>
                new ValueTask(Results.Problem("too many sign-in attempts from this address: wait a minute and try again", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext));
            limits.AddPolicy(SessionApi.SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<CdpHostOptions>>().Value.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        builder.Services.AddDataProtection().SetApplicationName("cdp");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<CdpHostOptions>>((keys, options) =>
            keys.XmlRepository = new FileSystemXmlRepository(KeyFolder(options.Value.DataDirectory!), NullLoggerFactory.Instance));
        builder.Services.AddOpenApi();

        var app = builder.Build();
        FirstAdmin.Ensure(app.Services.GetRequiredService<UserStore>(), app.Services.GetRequiredService<IOptions<CdpHostOptions>>().Value, log ?? Console.Out);
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseCrossSiteGuard();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        app.MapOpenApi().RequireAuthorization(Roles.CanRead);
        var api = app.MapGroup("/api").RequireAuthorization(Roles.CanRead);
        api.MapSessionApi();
        api.MapRulesApi();
        api.MapProfilesApi();
        api.MapSegmentLifecycleApi();
        api.MapSegmentsApi();
        api.MapRunsApi();
        api.MapImportApi();
        api.MapDashboardApi();
        api.MapMetricsApi();
        api.MapComputedMetricsApi();
        api.MapEventsApi();
        api.MapDestinationsApi();
        return app;
    }

    private static void AddSignIn(IServiceCollection services)
    {
        services.AddAuthentication(CookieOrKey)
            .AddPolicyScheme(CookieOrKey, "a session cookie or an API key", options =>
                options.ForwardDefaultSelector = context => ApiKeyAuthentication.KeyOf(context.Request) is null
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : ApiKeyAuthentication.SchemeName)
            .AddCookie(options =>
            {
                options.Cookie.Name = "cdp.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict; // and CrossSiteGuard for other origins of the same site
                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.CanRead, policy => policy.RequireRole(Roles.All))
            .AddPolicy(Roles.CanEdit, policy => policy.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(Roles.CanAdminister, policy => policy.RequireRole(Roles.Admin));
    }

    private static DirectoryInfo KeyFolder(string dataDirectory)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, "keys"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Where the started app listens.</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables().Build();
        if (configuration["data"] is null)
        {
            // A fresh machine: the default folder, with a month of sample data made on first start.
            await FirstStart.PrepareAsync(CdpHostOptions.DefaultDataDirectory, FirstStart.Sample(configuration), 7, Console.Error);
        }

        if (configuration["urls"] is null && configuration["ASPNETCORE_URLS"] is null)
        {
            var port = FreePort(5000);
            if (port != 5000)
            {
                Console.WriteLine($"cdp: port 5000 is in use by another program; using {port} instead (choose one with --urls http://localhost:PORT)");
            }

            args = [.. args, "--urls", $"http://localhost:{port}"];
        }

        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"cdp: {e.Message}");
            return Cli.ExitCodes.UsageError;
        }

        await app.StartAsync();
        foreach (var address in Addresses(app))
        {
            Console.WriteLine($"cdp: listening on {address} (data in {app.Services.GetRequiredService<IOptions<CdpHostOptions>>().Value.DataDirectory})");
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The first port from <paramref name="preferred"/> on that nothing listens on.</summary>
    private static int FreePort(int preferred)
    {
        for (var port = preferred; port < preferred + 100; port++)
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        return 0;
    }
}
