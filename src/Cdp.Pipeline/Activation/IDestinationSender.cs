namespace Cdp.Pipeline.Activation;

/// <summary>What one attempt at a batch came to.</summary>
/// <param name="Retryable">For a failure: whether trying again may help (a timeout, a 5xx) or not (a 4xx other than 408 and 429).</param>
/// <param name="RetryAfter">The wait the receiver asked for (Retry-After), if any.</param>
/// <param name="NextOffsets">Kafka: the offset after the last message delivered, by partition.</param>
public sealed record DeliveryOutcome(bool Delivered, string? Detail, string? Error = null, bool Retryable = true, TimeSpan? RetryAfter = null,
    IReadOnlyDictionary<int, long>? NextOffsets = null)
{
    public static DeliveryOutcome Success(string detail, IReadOnlyDictionary<int, long>? nextOffsets = null) => new(true, detail, NextOffsets: nextOffsets);

    public static DeliveryOutcome Failure(string error, bool retryable = true, TimeSpan? retryAfter = null) => new(false, null, error, retryable, retryAfter);
}

/// <summary>What a batch is sent with, beside its changes.</summary>
/// <param name="MaybeSentBefore">An earlier attempt was started and its end not recorded (a crash): part of it may be there already.</param>
/// <param name="Offsets">Kafka: where the destination's delivered messages end, by partition.</param>
public sealed record DeliveryAttempt(DeliveryBatch Batch, IReadOnlyList<MembershipChange> Changes, bool MaybeSentBefore, IReadOnlyDictionary<int, long> Offsets);

/// <summary>Sends batches of membership changes to one destination.</summary>
public interface IDestinationSender : IDisposable
{
    Task<DeliveryOutcome> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken);
}
