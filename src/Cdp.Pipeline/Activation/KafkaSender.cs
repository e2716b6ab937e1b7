using System.Text;
using Confluent.Kafka;

namespace Cdp.Pipeline.Activation;

/// <summary>
/// Produces a batch to the destination's topic, one message per change: key the customer id (so a customer's changes
/// stay in one partition, in order), value the change's JSON, headers <c>idempotency-key</c> (the change's key) and
/// <c>cdp-destination</c>. The producer is idempotent (no duplicates from its own retries). After a crash in the middle
/// of a batch, the messages already on the topic after the destination's recorded offsets are read back first and not
/// produced again, so the topic holds each change once.
/// </summary>
public sealed class KafkaSender(Destination destination, string bootstrapServers) : IDestinationSender
{
    private const string KeyHeader = "idempotency-key";
    private const string DestinationHeader = "cdp-destination";
    private readonly byte[] _name = Encoding.UTF8.GetBytes(destination.Name); // the same header on every message (the client copies it)
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() => new ProducerBuilder<string, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
        MessageTimeoutMs = 30_000,
    }).Build());

    public Task<DeliveryOutcome> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return Task.Run(() => Send(attempt, cancellationToken), cancellationToken);
    }

    private DeliveryOutcome Send(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        try
        {
            var there = attempt.MaybeSentBefore ? KeysOnTopic(attempt.Offsets, cancellationToken) : [];
            var producer = _producer.Value;
            var next = new Dictionary<int, long>();
            string? error = null;
            var produced = 0;
            foreach (var change in attempt.Changes.Where(c => !there.Contains(c.Key)))
            {
                var message = new Message<string, byte[]>
                {
                    Key = change.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Value = ChangeJson.One(change),
                    Headers = [new Header(KeyHeader, Encoding.UTF8.GetBytes(change.Key)), new Header(DestinationHeader, _name)],
                };
                producer.Produce(destination.Target, message, report =>
                {
                    lock (next)
                    {
                        if (report.Error.IsError)
                        {
                            error ??= report.Error.Reason;
                        }
                        else
                        {
                            next[report.Partition.Value] = Math.Max(next.GetValueOrDefault(report.Partition.Value), report.Offset.Value + 1);
                        }
                    }
                });
                produced++;
            }

            producer.Flush(cancellationToken);
            lock (next)
            {
                return error is null
                    ? DeliveryOutcome.Success($"{produced} message(s) to {destination.Target}{(there.Count > 0 ? $", {there.Count} already there" : "")}", next)
                    : DeliveryOutcome.Failure($"Kafka: {error}");
            }
        }
        catch (KafkaException failure)
        {
            return DeliveryOutcome.Failure($"Kafka: {failure.Error.Reason}");
        }
    }

    /// <summary>The idempotency keys of this destination's messages after its recorded offsets, up to the end of each partition.</summary>
    private HashSet<string> KeysOnTopic(IReadOnlyDictionary<int, long> offsets, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "cdp-activation-resume",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        using var admin = new DependentAdminClientBuilder(_producer.Value.Handle).Build();
        var metadata = admin.GetMetadata(destination.Target, TimeSpan.FromSeconds(10));
        var partitions = metadata.Topics.SelectMany(t => t.Partitions).Select(p => new TopicPartition(destination.Target, p.PartitionId)).ToList();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var open = new HashSet<int>();
        var assignment = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High;
            var start = offsets.TryGetValue(partition.Partition.Value, out var from) ? new Offset(from) : Offset.Beginning;
            if (end.Value > (start == Offset.Beginning ? 0 : start.Value))
            {
                assignment.Add(new TopicPartitionOffset(partition, start));
                open.Add(partition.Partition.Value);
            }
        }

        consumer.Assign(assignment);
        while (open.Count > 0)
        {
            var read = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new KafkaException(new Error(ErrorCode.Local_TimedOut, "reading the topic back took over 10 s"));
            cancellationToken.ThrowIfCancellationRequested();
            if (read.IsPartitionEOF)
            {
                open.Remove(read.Partition.Value);
                continue;
            }

            if (read.Message.Headers.TryGetLastBytes(DestinationHeader, out var name) && name.AsSpan().SequenceEqual(_name)
                && read.Message.Headers.TryGetLastBytes(KeyHeader, out var key))
            {
                keys.Add(Encoding.UTF8.GetString(key));
            }
        }

        return keys;
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Dispose();
        }
    }
}
