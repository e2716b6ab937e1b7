namespace Cdp.Pipeline.Activation;

/// <summary>Where a batch of changes stands: waiting (new or to retry), sent and acknowledged, or parked after its last attempt.</summary>
public enum BatchStatus
{
    Pending,
    Delivered,
    Parked,
}

/// <summary>
/// The changes of one segment's evaluation for one destination, or a part of them (a webhook request, a Kafka batch):
/// the unit that is sent, retried, parked and replayed. <see cref="IdempotencyKey"/> is the same on every attempt.
/// </summary>
public sealed record DeliveryBatch(
    string Destination,
    long Id,
    string Segment,
    DateOnly AsOf,
    int Changes,
    BatchStatus Status,
    int Attempts,
    DateTime CreatedAt,
    DateTime? NextAttemptAt,
    DateTime? DeliveredAt,
    string? LastError,
    string? Detail)
{
    public string IdempotencyKey => ActivationKeys.BatchKey(Destination, Id);

    /// <summary>
    /// Whether an attempt at this batch was made before: one is counted (a crash may have cut it off), or one failed
    /// (a replayed batch keeps its last error). Part of it may then be at the endpoint already.
    /// </summary>
    public bool TriedBefore => Attempts > 0 || LastError is not null;
}

/// <summary>A destination's batches by where they stand.</summary>
public sealed record DeliveryCounts(long Delivered, long Pending, long Parked);
