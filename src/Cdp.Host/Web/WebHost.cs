using Cdp.Host.Apis;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Cdp.Host.Web;

/// <summary>The web host of <c>cdp serve</c>: the API (and, later, the web app) with its services.</summary>
public static class WebHost
{
    /// <summary>Builds the app: <c>--urls</c>, <c>--kafka</c>, <c>--source-file</c> and the like come as configuration.</summary>
    public static WebApplication Build(string[] args, Action<CdpHostOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // One log line per request is noise at collector rates; configuration (Logging:LogLevel) can turn it back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<CdpHostOptions>(builder.Configuration.GetSection("Cdp"));
        builder.Services.Configure<CdpHostOptions>(options =>
        {
            options.Kafka = builder.Configuration["kafka"] ?? options.Kafka;
            options.SourceFile = builder.Configuration["source-file"] ?? options.SourceFile;
            options.Topic = builder.Configuration["topic"] ?? options.Topic;
            options.DataDirectory = builder.Configuration["data"] ?? options.DataDirectory;
            options.Schedule = builder.Configuration["schedule"] ?? options.Schedule;
            configure?.Invoke(options);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<EventSourceHolder>();
        builder.Services.AddSingleton<CollectorProducer>();
        builder.Services.AddHostedService<IngestWorkerService>();
        builder.Services.AddHostedService<EtlSchedulerService>();
        builder.Services.AddSingleton(TimeProvider.System);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        app.MapEventsApi();
        return app;
    }

    /// <summary>Where the started app listens.</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public static async Task<int> RunAsync(string[] args)
    {
        var app = Build(args);
        await app.StartAsync();
        foreach (var address in Addresses(app))
        {
            Console.WriteLine($"cdp: listening on {address}");
        }

        await app.WaitForShutdownAsync();
        return 0;
    }
}
