using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Scheduling;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Services;

/// <summary>The daily ETL at its cron time, as a hosted service of <c>cdp serve --data DIR --schedule CRON</c>.</summary>
public sealed class EtlSchedulerService(IOptions<CdpHostOptions> options, ProfileWorkspace workspace, ILogger<EtlSchedulerService> logger, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Schedule is not { } cron)
        {
            return;
        }

        var schedule = new EtlSchedule(cron);
        var runner = workspace.Runner; // the web app's runner: its runs reload the audience snapshot
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.Next(now);
            logger.LogInformation("next ETL run at {Next:u}", next);
            await Task.Delay(next - now, time, stoppingToken);
            var run = await runner.RunAsync(EtlSchedule.AsOfFor(next), "schedule", stoppingToken);
            logger.LogInformation("ETL as of {AsOf}: {Status} after {Attempt} attempt(s)", run.AsOf, run.Status, run.Attempt);
        }
    }
}
