namespace Cdp.Pipeline.Activation;

/// <summary>
/// Moves the outbox: for each destination, its due batches in order, one attempt each per pass. An attempt is counted
/// before it is made and its end recorded after, so a crash in between sends the batch again with the same keys (at
/// least once; a receiver that remembers keys applies each change once). A failure waits for its retry (holding the
/// destination's later batches, so a customer's changes keep their order) until the destination's attempts are spent;
/// then the batch is parked with its last error and the next one goes. Destinations are delivered side by side. One
/// worker per store: passes do not overlap (the host's delivery service and <c>destinations deliver</c> each run one).
/// </summary>
public sealed class DeliveryWorker(Func<ActivationStore> connect, Func<Destination, IDestinationSender> senderFor, RetryPolicy retry, TimeProvider? time = null) : IDisposable
{
    private static readonly IReadOnlyDictionary<int, long> NoOffsets = new Dictionary<int, long>();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, (Destination Destination, IDestinationSender Sender)> _senders = new(StringComparer.Ordinal);

    /// <summary>
    /// One pass over every destination (or only <paramref name="only"/>), the destinations side by side, each on an outbox
    /// connection of its own: a slow or failing endpoint delays only its own batches. How many batches were attempted.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken, string? only = null)
    {
        IReadOnlyList<Destination> destinations;
        using (var outbox = connect())
        {
            destinations = outbox.Destinations();
        }

        Forget(destinations);
        var chosen = destinations.Where(d => only is null || d.Name == only).Select(d => (Destination: d, Sender: SenderFor(d))).ToList();
        var attempted = await Task.WhenAll(chosen.Select(c => Task.Run(() => DeliverAsync(c.Destination, c.Sender, cancellationToken), cancellationToken)));
        return attempted.Sum();
    }

    /// <summary>A destination's due batches, in order, until none is due.</summary>
    private async Task<int> DeliverAsync(Destination destination, IDestinationSender sender, CancellationToken cancellationToken)
    {
        using var outbox = connect();
        var attempted = 0;
        while (!cancellationToken.IsCancellationRequested && outbox.NextDue(destination.Name, _time.GetUtcNow().UtcDateTime) is { } batch)
        {
            await AttemptAsync(outbox, destination, sender, batch, cancellationToken);
            attempted++;
        }

        return attempted;
    }

    /// <summary>The earliest time a pending batch of any destination is due (null: nothing pending).</summary>
    public DateTime? NextDue()
    {
        using var outbox = connect();
        return outbox.Destinations().Select(d => outbox.NextAttemptAt(d.Name)).Where(t => t is not null).Min();
    }

    /// <summary>Sends one change of a destination's kind, outside the outbox: the web app's test send.</summary>
    public async Task<DeliveryOutcome> TestSendAsync(Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var test = new MembershipChange("cdp_test", 0, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), 0, MembershipChange.Entered, false, ActivationKeys.RuleHash(""), "test-" + Guid.NewGuid().ToString("N"));
        var batch = new DeliveryBatch(destination.Name, -_time.GetUtcNow().ToUnixTimeMilliseconds(), test.Segment, test.AsOf, 1, BatchStatus.Pending, 1, DateTime.UtcNow, null, null, null, null);
        using var sender = Make(destination);
        return await sender.SendAsync(new DeliveryAttempt(batch, [test], false, NoOffsets), cancellationToken);
    }

    private async Task AttemptAsync(ActivationStore outbox, Destination destination, IDestinationSender sender, DeliveryBatch batch, CancellationToken cancellationToken)
    {
        var changes = outbox.Changes(destination.Name, batch.Id);
        outbox.StartAttempt(destination.Name, batch.Id);
        var attempts = batch.Attempts + 1;
        DeliveryOutcome outcome;
        try
        {
            // The recorded offsets matter only to resume a batch that may be partly sent: no query for the others.
            var offsets = batch.TriedBefore ? outbox.Offsets(destination.Name) : NoOffsets;
            outcome = await sender.SendAsync(new DeliveryAttempt(batch, changes, batch.TriedBefore, offsets), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a sender's unexpected failure is this batch's failure, recorded; it must not stop the other destinations
        catch (Exception failure)
#pragma warning restore CA1031
        {
            outcome = DeliveryOutcome.Failure(failure.Message);
        }

        if (outcome.Delivered)
        {
            outbox.MarkDelivered(destination.Name, batch.Id, outcome.Detail, outcome.NextOffsets);
            return;
        }

        var spent = !outcome.Retryable || attempts >= destination.MaxAttempts;
        var error = $"attempt {attempts} of {destination.MaxAttempts}: {outcome.Error}";
        outbox.MarkFailed(destination.Name, batch.Id, error, spent ? null : _time.GetUtcNow().UtcDateTime + retry.Delay(attempts, outcome.RetryAfter));
    }

    private IDestinationSender SenderFor(Destination destination)
    {
        if (_senders.TryGetValue(destination.Name, out var known) && Same(known.Destination, destination))
        {
            return known.Sender;
        }

        known.Sender?.Dispose();
        var sender = Make(destination);
        _senders[destination.Name] = (destination, sender);
        return sender;
    }

    /// <summary>
    /// A destination's sender; for one this process cannot send to (Kafka without bootstrap servers), a sender whose every
    /// attempt fails with the reason: its batches park with it in their log, and the other destinations go on.
    /// </summary>
    private IDestinationSender Make(Destination destination)
    {
        try
        {
            return senderFor(destination);
        }
        catch (InvalidOperationException unavailable)
        {
            return new Unavailable(unavailable.Message);
        }
    }

    /// <summary>The sender of a destination that cannot be sent to: every attempt fails, not worth a retry, with the reason.</summary>
    private sealed class Unavailable(string reason) : IDestinationSender
    {
        public Task<DeliveryOutcome> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryOutcome.Failure(reason, retryable: false));

        public void Dispose()
        {
        }
    }

    private static bool Same(Destination a, Destination b) =>
        a with { Segments = [] } == b with { Segments = [] } && a.Segments.SequenceEqual(b.Segments, StringComparer.Ordinal);

    /// <summary>Drops the senders of destinations that are gone.</summary>
    private void Forget(IReadOnlyList<Destination> destinations)
    {
        foreach (var gone in _senders.Keys.Where(name => destinations.All(d => d.Name != name)).ToList())
        {
            _senders[gone].Sender.Dispose();
            _senders.Remove(gone);
        }
    }

    public void Dispose()
    {
        foreach (var (_, sender) in _senders.Values)
        {
            sender.Dispose();
        }

        _senders.Clear();
    }
}
