using Cdp.Host.Security;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Services;

/// <summary>
/// What the web host runs, registered in one place (as eShop's <c>AddApplicationServices</c>): the options from
/// configuration and the command line, the store's workspace, the users, the collector and the background
/// services. The web pipeline (sign-in, limits, endpoints) is composed in <c>Web/WebHost</c>.
/// </summary>
public static class ApplicationServices
{
    public static IServiceCollection AddApplicationServices(this IServiceCollection services, IConfiguration configuration, Action<CdpHostOptions>? configure = null)
    {
        services.Configure<CdpHostOptions>(configuration.GetSection("Cdp"));
        services.Configure<CdpHostOptions>(options =>
        {
            options.Kafka = configuration["kafka"] ?? options.Kafka;
            options.SourceFile = configuration["source-file"] ?? options.SourceFile;
            options.Topic = configuration["topic"] ?? options.Topic;
            options.DataDirectory = configuration["data"] ?? options.DataDirectory;
            options.Schedule = configuration["schedule"] ?? options.Schedule;
            options.CatalogFile = configuration["catalog"] ?? options.CatalogFile;
            options.ImportRoot = configuration["import-root"] ?? options.ImportRoot;
            options.IngestWorker = configuration["ingest-worker"] is { } worker
                ? bool.TryParse(worker, out var run) ? run : throw new InvalidOperationException($"--ingest-worker takes true or false, not `{worker}`")
                : options.IngestWorker;
            options.BootstrapApiKey = configuration["CDP_BOOTSTRAP_API_KEY"] ?? options.BootstrapApiKey;
            options.AdminUser = configuration["admin-user"] ?? options.AdminUser;
            options.AdminPassword = configuration["admin-password"] ?? configuration["CDP_ADMIN_PASSWORD"] ?? options.AdminPassword;
            options.AllowDestinationHosts = configuration["allow-destination-host"] is { } hosts
                ? Pipeline.Activation.HostPolicy.Names(hosts)
                : options.AllowDestinationHosts;
            options.WebhookTimeoutSeconds = Seconds(configuration, "webhook-timeout", options.WebhookTimeoutSeconds);
            options.RetryFirstSeconds = Seconds(configuration, "retry-first", options.RetryFirstSeconds);
            options.RetryLongestSeconds = Seconds(configuration, "retry-longest", options.RetryLongestSeconds);
            configure?.Invoke(options);
            options.DataDirectory ??= CdpHostOptions.DefaultDataDirectory;
        });
        services.AddSingleton<EventSourceHolder>();
        services.AddSingleton<CollectorProducer>();
        services.AddSingleton<ProfileWorkspace>();
        services.AddSingleton(provider => new UserStore(provider.GetRequiredService<IOptions<CdpHostOptions>>().Value.DataDirectory!));
        services.AddHostedService<IngestWorkerService>();
        services.AddHostedService<EtlSchedulerService>();
        services.AddSingleton<ActivationDelivery>();
        services.AddHostedService<DeliveryService>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    private static double Seconds(IConfiguration configuration, string option, double fallback) => configuration[option] is not { } text
        ? fallback
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : throw new InvalidOperationException($"--{option} takes a number of seconds above 0, not `{text}`");
}
