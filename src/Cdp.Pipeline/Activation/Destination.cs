namespace Cdp.Pipeline.Activation;

/// <summary>
/// A place membership changes go to. <see cref="Segments"/> empty: every segment. <see cref="Target"/> is the URL of a
/// webhook, the topic of Kafka, the folder of files. <see cref="Secret"/> signs a webhook's requests and is never shown.
/// </summary>
public sealed record Destination(
    string Name,
    DestinationKind Kind,
    string Target,
    string? Secret,
    IReadOnlyList<string> Segments,
    int MaxAttempts,
    int BatchSize,
    string Owner,
    DateTime CreatedAt)
{
    /// <summary>Attempts of a batch before it is parked, unless the destination says otherwise.</summary>
    public const int DefaultMaxAttempts = 8;

    /// <summary>Changes per webhook request or Kafka batch, unless the destination says otherwise; at most <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultBatchSize = 500;

    public const int MaxBatchSize = 1000;

    /// <summary>The topic of a Kafka destination that names none.</summary>
    public const string DefaultTopic = "segment-membership";

    /// <summary>Whether this destination receives a segment's changes.</summary>
    public bool Receives(string segment) => Segments.Count == 0 || Segments.Contains(segment, StringComparer.Ordinal);
}
