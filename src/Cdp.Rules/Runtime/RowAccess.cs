using System.ComponentModel;

namespace Cdp.Rules.Runtime;

/// <summary>Typed reads from a profile row (metric name to value), called by rules compiled over rows.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
internal static class RowAccess
{
    /// <summary>An int metric.</summary>
    public static long? GetInt(IReadOnlyDictionary<string, object?> row, string metric) => (long?)Get(row, metric, MetricType.Int);
    /// <summary>A money metric.</summary>
    public static decimal? GetMoney(IReadOnlyDictionary<string, object?> row, string metric) => (decimal?)Get(row, metric, MetricType.Money);
    /// <summary>A number metric.</summary>
    public static double? GetNumber(IReadOnlyDictionary<string, object?> row, string metric) => (double?)Get(row, metric, MetricType.Number);
    /// <summary>A bool metric.</summary>
    public static bool? GetBool(IReadOnlyDictionary<string, object?> row, string metric) => (bool?)Get(row, metric, MetricType.Bool);
    /// <summary>A text metric.</summary>
    public static string? GetText(IReadOnlyDictionary<string, object?> row, string metric) => (string?)Get(row, metric, MetricType.Text);
    /// <summary>A date metric.</summary>
    public static DateOnly? GetDate(IReadOnlyDictionary<string, object?> row, string metric) => (DateOnly?)Get(row, metric, MetricType.Date);
    /// <summary>A timestamp metric.</summary>
    public static DateTime? GetTimestamp(IReadOnlyDictionary<string, object?> row, string metric) => (DateTime?)Get(row, metric, MetricType.Timestamp);
    /// <summary>A duration metric.</summary>
    public static TimeSpan? GetDuration(IReadOnlyDictionary<string, object?> row, string metric) => (TimeSpan?)Get(row, metric, MetricType.Duration);
    /// <summary>A text-list metric.</summary>
    public static IEnumerable<string>? GetTextList(IReadOnlyDictionary<string, object?> row, string metric) => (IEnumerable<string>?)Get(row, metric, MetricType.TextList);

    private static object? Get(IReadOnlyDictionary<string, object?> row, string metric, MetricType type) =>
        row.TryGetValue(metric, out var value) ? MetricValues.Normalize(type, value) : null;

    internal static string MethodFor(MetricType type) => type switch
    {
        MetricType.Int => nameof(GetInt),
        MetricType.Money => nameof(GetMoney),
        MetricType.Number => nameof(GetNumber),
        MetricType.Bool => nameof(GetBool),
        MetricType.Text => nameof(GetText),
        MetricType.Date => nameof(GetDate),
        MetricType.Timestamp => nameof(GetTimestamp),
        MetricType.Duration => nameof(GetDuration),
        _ => nameof(GetTextList),
    };
}
