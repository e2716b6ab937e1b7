namespace Cdp.Pipeline.Activation;

/// <summary>
/// When a failed batch is tried again: after <c>First × 2^(attempt−1)</c>, at most <see cref="Longest"/>, times a random
/// factor between 0.5 and 1 (jitter, so receivers that failed together are not retried together), or after the
/// receiver's Retry-After when it gave one (capped at <see cref="Longest"/> too).
/// </summary>
public sealed record RetryPolicy(TimeSpan First, TimeSpan Longest)
{
    public static RetryPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

    public TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked < Longest ? asked : Longest;
        }

        var exponential = First.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, Longest.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
