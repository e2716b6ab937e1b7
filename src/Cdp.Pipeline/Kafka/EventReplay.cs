using System.Diagnostics;
using System.Globalization;
using Cdp.Pipeline.Events;
using Confluent.Kafka;

namespace Cdp.Pipeline.Kafka;

/// <summary>The outcome of a replay: events produced and lines the strict parser refused (not sent).</summary>
public sealed record ReplayResult(long Produced, long Skipped);

/// <summary>
/// Pushes an events file into Kafka: an idempotent producer (acks=all, no duplicates on retry), one
/// message an event keyed by user_id (so one customer's events stay in order on one partition), an
/// optional rate limit. Lines the strict parser refuses are counted and not sent.
/// </summary>
public static class EventReplay
{
    public static ReplayResult Run(string inputPath, string bootstrapServers, string topic, double? eventsPerSecond = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            BatchSize = 1 << 20,
            CompressionType = CompressionType.Lz4,
            // Fail within half a minute, with librdkafka's reason, when no broker answers (the default waits 5 minutes).
            MessageTimeoutMs = 30_000,
        };
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        long produced = 0, skipped = 0;
        Error? failure = null;
        var clock = Stopwatch.StartNew();
        foreach (var line in EventFileReader.ReadFile(inputPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (line.Event is not { } e)
            {
                skipped++;
                continue;
            }

            var message = new Message<string, byte[]> { Key = e.UserId.ToString(CultureInfo.InvariantCulture), Value = EventJson.ToUtf8(e) };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, report =>
                    {
                        if (report.Error.IsError)
                        {
                            failure ??= report.Error;
                        }
                    });
                    break;
                }
                catch (ProduceException<string, byte[]> full) when (full.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }

            produced++;
            if (failure is not null)
            {
                throw new KafkaException(failure);
            }

            if (produced % 50_000 == 0)
            {
                progress?.Report(produced);
            }

            if (eventsPerSecond is { } rate && produced / rate > clock.Elapsed.TotalSeconds)
            {
                Thread.Sleep(TimeSpan.FromSeconds(produced / rate - clock.Elapsed.TotalSeconds));
            }
        }

        producer.Flush(cancellationToken);
        if (failure is not null)
        {
            throw new KafkaException(failure);
        }

        progress?.Report(produced);
        return new ReplayResult(produced, skipped);
    }
}
