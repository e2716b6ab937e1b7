using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Lake;
using Confluent.Kafka;

namespace Cdp.Pipeline.Kafka;

/// <summary>What the Kafka ingest worker does.</summary>
/// <param name="BootstrapServers">The brokers.</param>
/// <param name="DataDirectory">The lake's data folder.</param>
/// <param name="Topic">The events topic.</param>
/// <param name="GroupId">The consumer group; offsets are committed there.</param>
/// <param name="UntilIdle">Stop once every assigned partition is read to its end and nothing came for this long; null runs until cancelled.</param>
/// <param name="BatchEvents">Events of one partition written as one batch of lake files.</param>
/// <param name="BatchAge">The longest a partition's batch waits before it is written.</param>
public sealed record KafkaIngestOptions(
    string BootstrapServers,
    string DataDirectory,
    string Topic = KafkaTopics.Events,
    string GroupId = "cdp-ingest",
    TimeSpan? UntilIdle = null,
    int BatchEvents = 100_000,
    TimeSpan? BatchAge = null,
    ILakeReplica? Replica = null);

/// <summary>
/// The ingest worker: a consumer group member that validates each message, sends refused ones to the
/// dead-letter topic, and writes the good ones into the lake one batch per partition. Exactly once, after a
/// crash at any point: a batch's files are named by partition and first offset and are durable before
/// the offset after the batch is committed; on (re)assignment every lake file of that partition at or
/// past the committed offset is a leftover of an interrupted batch and is deleted before reading resumes,
/// so re-delivered messages replace, never add. (Dead-letter messages are at least once.)
/// </summary>
public sealed partial class KafkaIngest(KafkaIngestOptions options)
{
    private readonly Dictionary<int, PartitionBatch> _batches = [];
    private readonly HashSet<int> _atEnd = [];
    private readonly HashSet<int> _assigned = [];
    private readonly TextPool _texts = new(); // the repeated texts of this worker's events, one string each

    public long Accepted { get; private set; }

    public long Rejected { get; private set; }

    private sealed class PartitionBatch(long firstOffset, EventLakeWriter writer)
    {
        public long FirstOffset { get; } = firstOffset;
        public long LastOffset { get; set; } = firstOffset - 1;
        public EventLakeWriter Writer { get; } = writer;
        public int Count { get; set; }
        public DateTime Started { get; } = DateTime.UtcNow;
    }

    public async Task RunAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var consumerConfig = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.GroupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
            SessionTimeoutMs = 6000,

            // Throughput: hand the worker only what it reads (no headers, timestamps or topic names
            // marshalled per message) and keep a deep prefetch queue.
            ConsumeResultFields = "none",
            QueuedMinMessages = 200_000,
            FetchMaxBytes = 64 << 20,
            MaxPartitionFetchBytes = 8 << 20,
        };
        var producerConfig = new ProducerConfig { BootstrapServers = options.BootstrapServers, EnableIdempotence = true, Acks = Acks.All };
        using var deadLetters = new ProducerBuilder<byte[]?, byte[]?>(producerConfig).Build();
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig)
            .SetPartitionsAssignedHandler((c, partitions) => OnAssigned(c, partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions))
            .Build();
        consumer.Subscribe(options.Topic);
        var lastMessage = DateTime.UtcNow;
        var batchAge = options.BatchAge ?? TimeSpan.FromSeconds(5);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result is null)
                {
                    await FlushOldAsync(consumer, deadLetters, batchAge, cancellationToken);
                    if (options.UntilIdle is { } idle && _assigned.Count > 0 && _atEnd.IsSupersetOf(_assigned) && DateTime.UtcNow - lastMessage >= idle)
                    {
                        break;
                    }

                    continue;
                }

                var partition = result.Partition.Value;
                if (result.IsPartitionEOF)
                {
                    // Reaching the end is not a reason to write: a worker that keeps up with producers would
                    // write a tiny file (and commit) at every message. Batches close by size, by age or at exit.
                    _atEnd.Add(partition);
                    await FlushOldAsync(consumer, deadLetters, batchAge, cancellationToken);
                    continue;
                }

                _atEnd.Remove(partition);
                lastMessage = DateTime.UtcNow;
                var batch = Batch(partition, result.Offset.Value);
                if (EventJson.TryParse(result.Message.Value ?? [], out var e, out var reason, _texts))
                {
                    await batch.Writer.AddAsync(e!, cancellationToken);
                    Accepted++;
                }
                else
                {
                    deadLetters.Produce(KafkaTopics.DeadLetter(options.Topic), new Message<byte[]?, byte[]?>
                    {
                        Key = result.Message.Key,
                        Value = result.Message.Value,
                        Headers = new Headers
                        {
                            { "reason", Encoding.UTF8.GetBytes(reason!) },
                            { "source", Encoding.UTF8.GetBytes($"{options.Topic}/{partition}/{result.Offset.Value}") },
                        },
                    });
                    Rejected++;
                }

                batch.LastOffset = result.Offset.Value;
                batch.Count++;
                if (batch.Count >= options.BatchEvents)
                {
                    await FlushAsync(consumer, deadLetters, partition, cancellationToken);
                }

                if ((Accepted + Rejected) % 50_000 == 0)
                {
                    progress?.Report(Accepted + Rejected);
                }
            }

            foreach (var partition in _batches.Keys.ToList())
            {
                await FlushAsync(consumer, deadLetters, partition, CancellationToken.None);
            }
        }
        finally
        {
            consumer.Close();
        }

        progress?.Report(Accepted + Rejected);
    }

    private PartitionBatch Batch(int partition, long offset)
    {
        if (!_batches.TryGetValue(partition, out var batch))
        {
            var key = FileKey(options.Topic, partition, offset);
            batch = new PartitionBatch(offset, new EventLakeWriter(options.DataDirectory, key, replica: options.Replica));
            _batches[partition] = batch;
        }

        return batch;
    }

    /// <summary>Writes a partition's batch, makes its dead letters durable, then commits the offset after it.</summary>
    private async Task FlushAsync(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> deadLetters, int partition, CancellationToken cancellationToken)
    {
        if (!_batches.Remove(partition, out var batch) || batch.Count == 0)
        {
            return;
        }

        await batch.Writer.CompleteAsync(cancellationToken);
        deadLetters.Flush(cancellationToken);
        consumer.Commit([new TopicPartitionOffset(options.Topic, partition, batch.LastOffset + 1)]);
    }

    private async Task FlushOldAsync(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> deadLetters, TimeSpan age, CancellationToken cancellationToken)
    {
        foreach (var (partition, batch) in _batches.ToList())
        {
            if (DateTime.UtcNow - batch.Started >= age)
            {
                await FlushAsync(consumer, deadLetters, partition, cancellationToken);
            }
        }
    }

    private void OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        foreach (var offset in committed)
        {
            _assigned.Add(offset.Partition.Value);
            var resumeAt = offset.Offset == Offset.Unset ? 0 : offset.Offset.Value;
            DeleteLeftovers(offset.Partition.Value, resumeAt);
        }
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions)
    {
        // An unfinished batch of a revoked partition is dropped: its messages will be read again by the
        // next owner, from the committed offset, and its files (if any) are deleted as leftovers there.
        foreach (var partition in partitions)
        {
            _batches.Remove(partition.Partition.Value);
            _assigned.Remove(partition.Partition.Value);
            _atEnd.Remove(partition.Partition.Value);
        }
    }

    /// <summary>Deletes this topic-partition's lake files whose batch starts at or after the committed offset.</summary>
    private void DeleteLeftovers(int partition, long committed)
    {
        var root = LakeLayout.EventsRoot(options.DataDirectory);
        if (!Directory.Exists(root))
        {
            return;
        }

        var prefix = LakeLayout.FilePrefixOf(FileKeyPrefix(options.Topic, partition));
        foreach (var file in Directory.EnumerateFiles(root, prefix + "*", SearchOption.AllDirectories))
        {
            var match = OffsetInName().Match(Path.GetFileName(file)[prefix.Length..]);
            if (match.Success && long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= committed)
            {
                File.Delete(file);
            }
        }
    }

    private static string FileKeyPrefix(string topic, int partition) =>
        $"kafka-{Regex.Replace(topic, "[^A-Za-z0-9]", "_")}-p{partition.ToString(CultureInfo.InvariantCulture)}-o";

    internal static string FileKey(string topic, int partition, long firstOffset) =>
        FileKeyPrefix(topic, partition) + firstOffset.ToString("D15", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{15})-")]
    private static partial Regex OffsetInName();
}
