using System.Collections;
using System.Globalization;

namespace Cdp.Rules;

/// <summary>
/// The CLR representation of each type in profile rows: int as <see cref="long"/>, money as <see cref="decimal"/>,
/// number as <see cref="double"/>, text as <see cref="string"/>, bool, date as <see cref="DateOnly"/>,
/// timestamp as UTC <see cref="DateTime"/>, duration as <see cref="TimeSpan"/>, text list as a string list;
/// NULL as null (or a missing key).
/// </summary>
public static class MetricValues
{
    /// <summary>Converts a value a caller supplied to the representation of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">The value cannot represent the type (a programming error, not a rule mistake).</exception>
    public static object? Normalize(MetricType type, object? value)
    {
        if (value is null or DBNull)
        {
            return null;
        }

        return (type, value) switch
        {
            (MetricType.Int, long v) => v,
            (MetricType.Int, int v) => (long)v,
            (MetricType.Int, short v) => (long)v,
            (MetricType.Int, byte v) => (long)v,
            (MetricType.Int, uint v) => (long)v,
            (MetricType.Money, decimal v) => v,
            (MetricType.Money, long v) => (decimal)v,
            (MetricType.Money, int v) => (decimal)v,
            (MetricType.Money, double v) when double.IsFinite(v) => (decimal)v, // rounded to 15 significant digits, as a double means them
            (MetricType.Money, float v) when float.IsFinite(v) => (decimal)v,
            (MetricType.Number, double v) => v,
            (MetricType.Number, float v) => (double)v,
            (MetricType.Number, decimal v) => Runtime.RuleSemantics.MoneyToNumber(v),
            (MetricType.Number, long v) => (double)v,
            (MetricType.Number, int v) => (double)v,
            (MetricType.Text, string v) => v,
            (MetricType.Bool, bool v) => v,
            (MetricType.Date, DateOnly v) => v,
            (MetricType.Date, DateTime v) => DateOnly.FromDateTime(v),
            (MetricType.Timestamp, DateTime v) => ToUtc(v),
            (MetricType.Timestamp, DateTimeOffset v) => v.UtcDateTime,
            (MetricType.Timestamp, DateOnly v) => Runtime.RuleSemantics.AtMidnight(v),
            (MetricType.Duration, TimeSpan v) => v,
            (MetricType.TextList, IReadOnlyList<string> v) => v,
            (MetricType.TextList, IEnumerable v) => v.Cast<object?>().Select(o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "").ToArray(),
            _ => throw new ArgumentException($"{type.WithArticle()} metric cannot hold a value of type {value.GetType().Name} ({value})"),
        };
    }

    /// <summary>A timestamp as UTC: a local time is converted, an unspecified one is taken to be UTC already.</summary>
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };
}
