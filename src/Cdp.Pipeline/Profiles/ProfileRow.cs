namespace Cdp.Pipeline.Profiles;

/// <summary>One customer's profile: the user id and metric values keyed by catalog name (see <see cref="Cdp.Rules.MetricValues"/>).</summary>
public sealed record ProfileRow(long UserId, IReadOnlyDictionary<string, object?> Metrics);
