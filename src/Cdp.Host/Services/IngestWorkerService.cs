using Cdp.Pipeline.Kafka;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Services;

/// <summary>
/// The Kafka ingest worker as a hosted service of <c>cdp serve</c>: runs while the host runs when both
/// <c>--kafka</c> and <c>--data</c> are given (and not <c>--ingest-worker false</c>), and restarts after a
/// failure with a growing pause.
/// </summary>
public sealed class IngestWorkerService(IOptions<CdpHostOptions> options, ILogger<IngestWorkerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Kafka is not { } bootstrap || options.Value.DataDirectory is not { } data || !options.Value.IngestWorker)
        {
            return;
        }

        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var ingest = new KafkaIngest(new KafkaIngestOptions(bootstrap, data, options.Value.Topic));
                logger.LogInformation("ingest worker: {Topic} on {Bootstrap} into {Data}", options.Value.Topic, bootstrap, data);
                await Task.Run(() => ingest.RunAsync(cancellationToken: stoppingToken), stoppingToken);
                pause = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "ingest worker failed; restarting in {Pause}", pause);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }
}
