using System.Text;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Kafka;
using Cdp.Pipeline.Lake;
using Confluent.Kafka;

namespace Cdp.Pipeline.Tests;

/// <summary>The Kafka path against a real Kafka-protocol broker: librdkafka's mock cluster, in this process.</summary>
public sealed class KafkaPathTests : IDisposable
{
    private readonly KafkaMockCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [SampleFact]
    public async Task Replayed_events_reach_the_lake_exactly_once()
    {
        _cluster.CreateTopic("events", 4);
        _cluster.CreateTopic("events.dead-letter", 1);
        using var data = new TemporaryDirectory();

        var replay = EventReplay.Run(SampleData.OctoberHead, _cluster.BootstrapServers, "events");
        var ingest = new KafkaIngest(new KafkaIngestOptions(_cluster.BootstrapServers, data.Path, UntilIdle: TimeSpan.FromSeconds(1), BatchEvents: 1000));
        await ingest.RunAsync();

        Assert.Equal(new ReplayResult(17_434, 0), replay);
        Assert.Equal(17_434, ingest.Accepted);
        Assert.Equal(0, ingest.Rejected);
        var source = EventFileReader.ReadFile(SampleData.OctoberHead).Select(l => l.Event!).ToList();
        var lake = await EventLakeReader.ReadAsync(data.Path).ToListAsync();
        Assert.Equal(Fingerprint(source), Fingerprint(lake));

        // A second worker of the same group finds every offset committed: nothing more is written.
        var again = new KafkaIngest(new KafkaIngestOptions(_cluster.BootstrapServers, data.Path, UntilIdle: TimeSpan.FromSeconds(1)));
        await again.RunAsync();
        Assert.Equal(0, again.Accepted);
        Assert.Equal(17_434, await EventLakeReader.ReadAsync(data.Path).CountAsync());
    }

    [SampleFact]
    public async Task Bad_messages_go_to_the_dead_letter_topic_and_good_ones_to_the_lake()
    {
        _cluster.CreateTopic("events", 2);
        _cluster.CreateTopic("events.dead-letter", 1);
        using var data = new TemporaryDirectory();
        var good = EventFileReader.ReadFile(SampleData.OctoberHead).Take(300).Select(l => l.Event!).ToList();
        string[] bad =
        [
            "not json at all",
            "[1,2,3]",
            """{"event_time":"2019-10-01 00:00:00 UTC","event_type":"view"}""",
            """{"event_time":"2019-10-01 00:00:00 UTC","event_type":"click","product_id":1,"category_id":2,"category_code":null,"brand":null,"price":1.5,"user_id":3,"user_session":"s"}""",
            """{"event_time":"2019-10-01 00:00:00 UTC","event_type":"view","product_id":1,"category_id":2,"category_code":null,"brand":null,"price":-1.5,"user_id":3,"user_session":"s"}""",
            """{"event_time":"yesterday","event_type":"view","product_id":1,"category_id":2,"category_code":null,"brand":null,"price":1.5,"user_id":3,"user_session":"s"}""",
            """{"event_time":"2019-10-01 00:00:00 UTC","event_type":"view","product_id":"x","category_id":2,"category_code":null,"brand":null,"price":1.5,"user_id":3,"user_session":"s"}""",
            """{"event_time":"2019-10-01 00:00:00 UTC","event_type":"view","product_id":1,"category_id":2,"category_code":null,"brand":null,"price":10000000000000000,"user_id":3,"user_session":"s"}""",
            """{"event_time":"9999-12-31 00:00:00 UTC","event_type":"view","product_id":1,"category_id":2,"category_code":null,"brand":null,"price":1.5,"user_id":3,"user_session":"s"}""",
            """{"event_time":"2019-10-01 00:00:00 UTC","event_type":"view","product_id":1,"category_id":2,"category_code":null,"brand":null,"price":1.999,"user_id":3,"user_session":"s"}""",
        ];
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build())
        {
            for (var i = 0; i < good.Count; i++)
            {
                producer.Produce("events", new Message<string, byte[]> { Key = good[i].UserId.ToString(), Value = EventJson.ToUtf8(good[i]) });
                if (i % 30 == 0)
                {
                    producer.Produce("events", new Message<string, byte[]> { Key = "x", Value = Encoding.UTF8.GetBytes(bad[i / 30 % bad.Length]) });
                }
            }

            producer.Flush();
        }

        var ingest = new KafkaIngest(new KafkaIngestOptions(_cluster.BootstrapServers, data.Path, UntilIdle: TimeSpan.FromSeconds(1)));
        await ingest.RunAsync();

        Assert.Equal(300, ingest.Accepted);
        Assert.Equal(10, ingest.Rejected);
        Assert.Equal(Fingerprint(good), Fingerprint(await EventLakeReader.ReadAsync(data.Path).ToListAsync()));
        var reasons = ReadDeadLetters("events.dead-letter", 10);
        Assert.Equal(10, reasons.Count);
        Assert.Contains(reasons, r => r.StartsWith("not JSON", StringComparison.Ordinal));
        Assert.Contains("an event must be a JSON object", reasons);
        Assert.Contains("product_id is missing", reasons);
        Assert.Contains("event_type `click` is not view, cart, remove_from_cart or purchase", reasons);
        Assert.Contains("price -1.5 is negative", reasons);
        Assert.Contains("event_time `yesterday` is not like 2019-10-01 00:00:00 UTC", reasons);
        Assert.Contains("product_id `x` is not a whole number", reasons);

        // What the lake cannot hold goes to the dead letters too, and the events after it go on (none is dropped above).
        Assert.Contains(reasons, r => r.Contains("more than the lake holds", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("in the future", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("more than 2 decimals", StringComparison.Ordinal));
    }

    private List<string> ReadDeadLetters(string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = "dead-letter-reader",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var reasons = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (reasons.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } message)
            {
                reasons.Add(Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes("reason")));
            }
        }

        consumer.Close();
        return reasons;
    }

    /// <summary>The events as a sorted multiset of all their fields: equal exactly when no event is lost or doubled.</summary>
    internal static List<string> Fingerprint(IEnumerable<CommerceEvent> events) =>
        events.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();
}
