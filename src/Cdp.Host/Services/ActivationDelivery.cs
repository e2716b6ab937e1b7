using Cdp.Pipeline.Activation;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Services;

/// <summary>
/// What the host needs to deliver membership changes: the hosts destinations may reach, a sender for each kind, the
/// worker over the workspace's store, and a wake-up that every write of the store (an evaluation, a replay) rings.
/// </summary>
public sealed class ActivationDelivery : IDisposable
{
    private readonly CdpHostOptions _options;
    private readonly SemaphoreSlim _wake = new(0, 1);

    public ActivationDelivery(IOptions<CdpHostOptions> options, ProfileWorkspace workspace, TimeProvider time)
    {
        _options = options.Value;
        Hosts = new HostPolicy(_options.AllowDestinationHosts);
        Worker = new DeliveryWorker(workspace.OpenOutbox, SenderFor, new RetryPolicy(TimeSpan.FromSeconds(_options.RetryFirstSeconds), TimeSpan.FromSeconds(_options.RetryLongestSeconds)), time);
        workspace.Written += Wake;
    }

    /// <summary>Where destinations may send (loopback, and the hosts the operator allowed).</summary>
    public HostPolicy Hosts { get; }

    public DeliveryWorker Worker { get; }

    /// <summary>The Kafka a Kafka destination produces to: the host's <c>--kafka</c>; none, Kafka destinations are refused.</summary>
    public string? Kafka => _options.Kafka;

    /// <summary>Asks the worker to look at the outbox now rather than at its next due time.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // rung already
            }
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public IDestinationSender SenderFor(Destination destination) =>
        DestinationSenders.For(destination, Hosts, TimeSpan.FromSeconds(_options.WebhookTimeoutSeconds), _options.Kafka);

    public void Dispose()
    {
        Worker.Dispose();
        _wake.Dispose();
    }
}
