namespace Cdp.Pipeline.Store.Explore;

/// <summary>
/// How one metric is spread over the stored profiles: how many have a value and how many are NULL, then either
/// equal-width ranges between the smallest and the largest value (numbers, money, counts; timestamps in Unix
/// seconds) or the most frequent values (text, text list elements, bool).
/// </summary>
public sealed record MetricDistribution(string Metric, long Values, long Nulls, IReadOnlyList<ValueRange> Ranges, IReadOnlyList<ValueCount> Top);

/// <summary>Values from <paramref name="From"/> up to <paramref name="To"/> (the last range includes its end).</summary>
public sealed record ValueRange(double From, double To, long Count);

/// <summary>One value and how many profiles hold it.</summary>
public sealed record ValueCount(string Value, long Count);
