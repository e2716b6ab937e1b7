using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Services;

/// <summary>One idempotent producer for the collector, shared by every request.</summary>
public sealed class CollectorProducer(IOptions<CdpHostOptions> options) : IDisposable
{
    private readonly Lazy<IProducer<string, byte[]>?> _producer = new(() => options.Value.Kafka is { } bootstrap
        ? new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 2,
            MessageTimeoutMs = 30_000,
        }).Build()
        : null);

    public IProducer<string, byte[]>? Producer => _producer.Value;

    public void Dispose()
    {
        if (_producer.IsValueCreated && _producer.Value is { } producer)
        {
            producer.Flush(TimeSpan.FromSeconds(10));
            producer.Dispose();
        }
    }
}
