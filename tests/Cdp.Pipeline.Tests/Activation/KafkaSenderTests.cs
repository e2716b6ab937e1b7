using Cdp.Pipeline.Activation;
using Cdp.Pipeline.Kafka;

namespace Cdp.Pipeline.Tests.Activation;

public sealed class KafkaSenderTests : IDisposable
{
    private readonly KafkaMockCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    private static MembershipChange Change(long user, string change = MembershipChange.Entered) =>
        new("big_spenders", 1, new DateOnly(2019, 10, 31), user, change, false, ActivationKeys.RuleHash("spend_30d > 100"), $"k{user}{change}");

    private static DeliveryAttempt Attempt(long batch, IReadOnlyList<MembershipChange> changes, bool maybeSentBefore, IReadOnlyDictionary<int, long> offsets) =>
        new(new DeliveryBatch("stream", batch, "big_spenders", new DateOnly(2019, 10, 31), changes.Count, BatchStatus.Pending, 1, DateTime.UtcNow, null, null, null, null), changes, maybeSentBefore, offsets);

    [Fact]
    public async Task Each_change_is_one_message_keyed_by_customer_and_a_resumed_batch_does_not_repeat_what_is_there()
    {
        _cluster.CreateTopic("segment-membership", 3);
        var destination = new Destination("stream", DestinationKind.Kafka, "segment-membership", null, [], 3, 500, "test", DateTime.UtcNow);
        using var sender = new KafkaSender(destination, _cluster.BootstrapServers);
        var first = Enumerable.Range(1, 20).Select(u => Change(u)).ToList();
        var delivered = await sender.SendAsync(Attempt(1, first, false, new Dictionary<int, long>()), CancellationToken.None);
        Assert.True(delivered.Delivered, delivered.Error);
        Assert.Equal(20, delivered.NextOffsets!.Values.Sum());

        // The next batch is cut off half-way (the host killed after producing 15 of 30), then sent again whole.
        var second = Enumerable.Range(1, 30).Select(u => Change(u, u <= 20 ? MembershipChange.Exited : MembershipChange.Entered)).ToList();
        Assert.True((await sender.SendAsync(Attempt(2, second[..15], false, delivered.NextOffsets), CancellationToken.None)).Delivered);
        var resumed = await sender.SendAsync(Attempt(2, second, true, delivered.NextOffsets), CancellationToken.None);
        Assert.True(resumed.Delivered, resumed.Error);
        Assert.Contains("15 message(s) to segment-membership, 15 already there", resumed.Detail, StringComparison.Ordinal);

        var topic = ActivationTopic.ReadAll(_cluster.BootstrapServers, "segment-membership");
        Assert.Equal(first.Concat(second).Select(c => c.Key).Order(), topic.Select(m => m.IdempotencyKey).Order());
        Assert.All(topic, m => Assert.Equal(m.Change.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Key));
        Assert.All(topic, m => Assert.Equal(m.IdempotencyKey, m.Change.Key));
        // A customer's changes are in one partition, in order: entered before exited.
        Assert.All(topic.GroupBy(m => m.Change.UserId).Where(g => g.Count() == 2), g => Assert.Equal(["entered", "exited"], g.Select(m => m.Change.Change)));
    }
}
