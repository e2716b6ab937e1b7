using Cdp.Pipeline.Activation;
using Microsoft.Extensions.Time.Testing;

namespace Cdp.Pipeline.Tests.Activation;

public sealed class DeliveryWorkerTests
{
    private static readonly DateOnly Day1 = new(2019, 10, 30);
    private static readonly DateOnly Day2 = new(2019, 10, 31);

    /// <summary>A sender that answers from a script (then succeeds), and remembers what it was given.</summary>
    private sealed class ScriptedSender(Queue<DeliveryOutcome> script) : IDestinationSender
    {
        public List<DeliveryAttempt> Attempts { get; } = [];

        public Task<DeliveryOutcome> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
        {
            Attempts.Add(attempt);
            return Task.FromResult(script.TryDequeue(out var outcome) ? outcome : DeliveryOutcome.Success("ok"));
        }

        public void Dispose()
        {
        }
    }

    private static (DeliveryWorker Worker, ScriptedSender Sender) Worker(ActivationFixture fixture, FakeTimeProvider time, params DeliveryOutcome[] script)
    {
        var sender = new ScriptedSender(new Queue<DeliveryOutcome>(script));
        return (new DeliveryWorker(fixture.Store.ConnectOutbox, _ => sender, new RetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)), time), sender);
    }

    [Fact]
    public async Task Batches_go_in_order_and_a_failure_holds_the_later_ones_until_its_retry_is_due()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.AddDestination("crm", batchSize: 1);
        fixture.Load(Day1, 101, 102);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (worker, sender) = Worker(fixture, time, DeliveryOutcome.Failure("HTTP 503"));
        using var _ = worker;

        Assert.Equal(1, await worker.DeliverDueAsync(CancellationToken.None)); // the first fails and waits; the second waits behind it
        Assert.Equal(new DeliveryCounts(0, 2, 0), fixture.Store.Activation.Counts()["crm"]);
        Assert.Equal(0, await worker.DeliverDueAsync(CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(1.01)); // the first retry waits at most 1 s (jitter makes it 0.5–1 s)
        Assert.Equal(2, await worker.DeliverDueAsync(CancellationToken.None));
        Assert.Equal(new DeliveryCounts(2, 0, 0), fixture.Store.Activation.Counts()["crm"]);
        Assert.Equal([1L, 1L, 2L], sender.Attempts.Select(a => a.Changes.Single().UserId));
        Assert.Equal([false, true, false], sender.Attempts.Select(a => a.MaybeSentBefore));
        Assert.Equal(sender.Attempts[0].Batch.IdempotencyKey, sender.Attempts[1].Batch.IdempotencyKey);
    }

    [Fact]
    public async Task A_batch_whose_attempts_are_spent_is_parked_with_its_error_and_a_replay_sends_it_again()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.AddDestination("crm", maxAttempts: 2);
        fixture.Load(Day1, 101);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (worker, sender) = Worker(fixture, time, DeliveryOutcome.Failure("HTTP 500: down", retryAfter: TimeSpan.FromSeconds(30)), DeliveryOutcome.Failure("HTTP 500: still down"));
        using var _ = worker;

        await worker.DeliverDueAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await worker.DeliverDueAsync(CancellationToken.None)); // Retry-After: 30 is honoured
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await worker.DeliverDueAsync(CancellationToken.None));

        var parked = Assert.Single(fixture.Store.Activation.Log("crm"));
        Assert.Equal((BatchStatus.Parked, 2, "attempt 2 of 2: HTTP 500: still down"), (parked.Status, parked.Attempts, parked.LastError));
        fixture.Load(Day2, 101, 102); // later batches are not held by a parked one
        Assert.Equal(1, await worker.DeliverDueAsync(CancellationToken.None));
        Assert.Equal(new DeliveryCounts(1, 0, 1), fixture.Store.Activation.Counts()["crm"]);

        Assert.Equal(1, fixture.Store.Activation.Replay("crm"));
        Assert.Equal(1, await worker.DeliverDueAsync(CancellationToken.None));
        Assert.Equal(new DeliveryCounts(2, 0, 0), fixture.Store.Activation.Counts()["crm"]);
        Assert.Equal(sender.Attempts[0].Batch.IdempotencyKey, sender.Attempts[^1].Batch.IdempotencyKey);
        Assert.True(sender.Attempts[^1].MaybeSentBefore); // a replayed batch may be partly there: Kafka reads back before producing
    }

    [Fact]
    public async Task An_answer_that_no_retry_will_change_parks_the_batch_at_once()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.AddDestination("crm");
        fixture.Load(Day1, 101);
        var (worker, _) = Worker(fixture, new FakeTimeProvider(DateTimeOffset.UtcNow), DeliveryOutcome.Failure("HTTP 401: bad signature", retryable: false));
        using var __ = worker;

        await worker.DeliverDueAsync(CancellationToken.None);

        Assert.Equal((BatchStatus.Parked, "attempt 1 of 3: HTTP 401: bad signature"), Assert.Single(fixture.Store.Activation.Log("crm")) is var b ? (b.Status, b.LastError) : default);
    }

    [Fact]
    public void Back_off_doubles_with_jitter_up_to_the_longest_wait()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(policy.Delay(1, null).TotalSeconds, 0.5, 1);
            Assert.InRange(policy.Delay(3, null).TotalSeconds, 2, 4);
            Assert.InRange(policy.Delay(20, null).TotalSeconds, 5, 10);
        }

        Assert.Equal(TimeSpan.FromSeconds(7), policy.Delay(1, TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.Delay(1, TimeSpan.FromHours(1)));
    }

    /// <summary>A sender that waits until released: an endpoint that takes its time.</summary>
    private sealed class HeldSender(Task release) : IDestinationSender
    {
        public async Task<DeliveryOutcome> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
        {
            await release.WaitAsync(cancellationToken);
            return DeliveryOutcome.Success("late");
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task A_slow_endpoint_delays_only_its_own_destination()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.AddDestination("held"); // first by name: one destination after another would wait for it
        fixture.AddDestination("quick");
        fixture.Load(Day1, 101);
        var release = new TaskCompletionSource();
        using var worker = new DeliveryWorker(fixture.Store.ConnectOutbox,
            d => d.Name == "held" ? new HeldSender(release.Task) : new ScriptedSender(new Queue<DeliveryOutcome>()), RetryPolicy.Default);

        var pass = worker.DeliverDueAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (fixture.Store.Activation.Counts()["quick"].Delivered == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal((1L, 0L), (fixture.Store.Activation.Counts()["quick"].Delivered, fixture.Store.Activation.Counts()["held"].Delivered));
        Assert.False(pass.IsCompleted);
        release.SetResult();
        Assert.Equal(2, await pass);
        Assert.Equal(1L, fixture.Store.Activation.Counts()["held"].Delivered);
    }

    [Fact]
    public async Task A_destination_that_cannot_be_sent_to_parks_its_batches_with_the_reason_and_the_others_go_on()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.AddDestination("a_stream", DestinationKind.Kafka); // first by name
        fixture.AddDestination("b_hook");
        fixture.Load(Day1, 101);
        var hook = new ScriptedSender(new Queue<DeliveryOutcome>());
        using var worker = new DeliveryWorker(fixture.Store.ConnectOutbox,
            d => d.Kind == DestinationKind.Kafka ? DestinationSenders.For(d, HostPolicy.LoopbackOnly, TimeSpan.FromSeconds(1), kafka: null) : hook,
            RetryPolicy.Default);

        Assert.Equal(2, await worker.DeliverDueAsync(CancellationToken.None));

        Assert.Equal(new DeliveryCounts(1, 0, 0), fixture.Store.Activation.Counts()["b_hook"]);
        var parked = Assert.Single(fixture.Store.Activation.Log("a_stream"));
        Assert.Equal((BatchStatus.Parked, "attempt 1 of 3: `a_stream` is a Kafka destination and no Kafka was given: start with --kafka BOOTSTRAP"), (parked.Status, parked.LastError));
        var test = await worker.TestSendAsync(fixture.Store.Activation.Find("a_stream")!, CancellationToken.None); // the web app's test send says why too
        Assert.Equal((false, "`a_stream` is a Kafka destination and no Kafka was given: start with --kafka BOOTSTRAP"), (test.Delivered, test.Error));
    }
}
