using System.Text;
using Cdp.Pipeline.Activation;
using Confluent.Kafka;

namespace Cdp.Testing;

/// <summary>Reads a whole membership topic back: each message's key, idempotency key and change.</summary>
public static class ActivationTopic
{
    public static List<(string Key, string IdempotencyKey, MembershipChange Change)> ReadAll(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnablePartitionEof = true,
            EnableAutoCommit = false,
        }).Build();
        var partitions = new List<TopicPartition>();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build())
        {
            partitions.AddRange(admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId)));
        }

        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var open = partitions.Select(p => p.Partition.Value).ToHashSet();
        var messages = new List<(string, string, MembershipChange)>();
        while (open.Count > 0)
        {
            var read = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("the topic was not read to its end in 10 s");
            if (read.IsPartitionEOF)
            {
                open.Remove(read.Partition.Value);
                continue;
            }

            messages.Add((read.Message.Key, Encoding.UTF8.GetString(read.Message.Headers.GetLastBytes("idempotency-key")), Assert.Single(ChangeJson.Read(read.Message.Value))));
        }

        return messages;
    }
}
