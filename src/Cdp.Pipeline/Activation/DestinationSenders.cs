namespace Cdp.Pipeline.Activation;

/// <summary>The sender of each kind of destination, made in one place for the host, the command line and the benchmarks.</summary>
public static class DestinationSenders
{
    /// <param name="kafka">The Kafka bootstrap servers a Kafka destination produces to; none, a Kafka destination cannot be sent to.</param>
    /// <exception cref="InvalidOperationException">A Kafka destination and no <paramref name="kafka"/>.</exception>
    public static IDestinationSender For(Destination destination, HostPolicy hosts, TimeSpan webhookTimeout, string? kafka)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return destination.Kind switch
        {
            DestinationKind.Webhook => new WebhookSender(destination, hosts, webhookTimeout),
            DestinationKind.Kafka => new KafkaSender(destination, kafka ?? throw new InvalidOperationException($"`{destination.Name}` is a Kafka destination and no Kafka was given: start with --kafka BOOTSTRAP")),
            _ => new FileSender(destination, hosts),
        };
    }
}
