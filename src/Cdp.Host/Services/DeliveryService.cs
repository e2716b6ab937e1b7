namespace Cdp.Host.Services;

/// <summary>
/// Delivers the outbox of membership changes as a hosted service of <c>cdp serve</c>: a pass whenever the store was
/// written (an evaluation, a replay), when a retry falls due, and at least every few seconds.
/// </summary>
public sealed class DeliveryService(ActivationDelivery activation, ILogger<DeliveryService> logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var attempted = await activation.Worker.DeliverDueAsync(stoppingToken);
                if (attempted > 0)
                {
                    continue; // more may have come meanwhile
                }

                var sleep = activation.Worker.NextDue() is { } due ? due - time.GetUtcNow().UtcDateTime : LongestSleep;
                await activation.WaitAsync(sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > LongestSleep ? LongestSleep : sleep, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // whatever stops one pass (a conflict with a write in progress, a full disk) must not stop the web app: the outbox is as it was, the next pass tries again
            catch (Exception failure) when (failure is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.LogWarning(failure, "delivering membership changes: {Message}", failure.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
