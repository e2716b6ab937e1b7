namespace Cdp.Host.Services;

/// <summary>What <c>cdp serve</c> serves, from the command line or configuration (section "Cdp").</summary>
public sealed class CdpHostOptions
{
    /// <summary>The data folder when <c>--data</c> is not given: <c>~/.local/share/cdp</c> on Linux.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "cdp");

    /// <summary>Kafka bootstrap servers for the collector; without them POST /api/events answers 503.</summary>
    public string? Kafka { get; set; }

    /// <summary>The topic the collector produces to.</summary>
    public string Topic { get; set; } = Pipeline.Kafka.KafkaTopics.Events;

    /// <summary>An events file that GET /api/source/events pages through.</summary>
    public string? SourceFile { get; set; }

    /// <summary>The data folder (lake, stores); with <see cref="Kafka"/> it also runs the ingest worker.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>A cron expression (UTC) for the daily ETL, e.g. <c>0 2 * * *</c>; none, no scheduled runs.</summary>
    public string? Schedule { get; set; }

    /// <summary>The most events one POST may carry.</summary>
    public int MaxBatch { get; set; } = 10_000;

    /// <summary>The largest body of a POST of events (10,000 events of the data set take about 2.5 MB).</summary>
    public long MaxEventsBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>A catalog file (as <c>cdp etl --catalog</c> takes); none, the built-in metrics.</summary>
    public string? CatalogFile { get; set; }

    /// <summary>How often a failing ETL run is tried before it is recorded as failed.</summary>
    public int EtlAttempts { get; set; } = 3;

    /// <summary>The first admin's name, made when no user exists yet.</summary>
    public string AdminUser { get; set; } = "admin";

    /// <summary>The first admin's password (configuration or CDP_ADMIN_PASSWORD); none, a random one is printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>A folder from which <c>POST /api/profiles/import</c> may read profiles a Spark job wrote (Parquet); none, no imports.</summary>
    public string? ImportRoot { get; set; }

    /// <summary>
    /// Whether <c>serve --kafka --data</c> also runs the ingest worker (<c>--ingest-worker false</c>: no, the
    /// deployment has dedicated workers; two groups of workers on one topic would split its partitions).
    /// </summary>
    public bool IngestWorker { get; set; } = true;

    /// <summary>
    /// An API key (<c>cdp_ID_SECRET</c>) made elsewhere, registered for the first admin at start if it is not
    /// yet (<c>CDP_BOOTSTRAP_API_KEY</c>): a deployment's bootstrap hands the same key to its scheduler.
    /// </summary>
    public string? BootstrapApiKey { get; set; }

    /// <summary>
    /// Hosts other than loopback that webhooks and WebHDFS file destinations may send to (<c>--allow-destination-host
    /// a.example.com,b.example.com</c>), only over https; none, loopback only (docs/activation.md).
    /// </summary>
    public IReadOnlyList<string> AllowDestinationHosts { get; set; } = [];

    /// <summary>How long a webhook may take to answer before the attempt counts as failed.</summary>
    public double WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>The wait before the first retry of a failed batch (doubling after, with jitter).</summary>
    public double RetryFirstSeconds { get; set; } = 1;

    /// <summary>The longest wait between two attempts of a batch (Retry-After included).</summary>
    public double RetryLongestSeconds { get; set; } = 600;

    /// <summary>Sign-in attempts allowed per minute from one address; more get 429 (a brake on password guessing).</summary>
    public int SignInAttemptsPerMinute { get; set; } = 20;
}
