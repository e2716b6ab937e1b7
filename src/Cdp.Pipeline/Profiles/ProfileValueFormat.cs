using System.Globalization;
using Cdp.Rules;

namespace Cdp.Pipeline.Profiles;

/// <summary>
/// The cell format of profile files, shared by the reader and every writer: empty is NULL, numbers
/// and money in invariant culture, bool as true/false, dates yyyy-MM-dd, timestamps ISO 8601 UTC
/// (2019-10-01T08:30:00Z), durations as 7d / 12h / 30m / 15s, text lists joined by '|'.
/// </summary>
public static class ProfileValueFormat
{
    /// <summary>Reads a cell; false with a reason when it does not hold a value of the type.</summary>
    public static bool TryParse(MetricType type, string cell, out object? value, out string? reason)
    {
        value = null;
        reason = null;
        if (cell.Length == 0)
        {
            return true;
        }

        var invariant = CultureInfo.InvariantCulture;
        switch (type)
        {
            case MetricType.Int when long.TryParse(cell, NumberStyles.AllowLeadingSign, invariant, out var integer):
                value = integer;
                return true;
            case MetricType.Money when decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, invariant, out var money):
                value = money;
                return true;
            case MetricType.Number when double.TryParse(cell, NumberStyles.Float, invariant, out var number) && double.IsFinite(number):
                value = number;
                return true;
            case MetricType.Bool when bool.TryParse(cell, out var flag):
                value = flag;
                return true;
            case MetricType.Text:
                value = cell;
                return true;
            case MetricType.Date when DateOnly.TryParseExact(cell, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date):
                value = date;
                return true;
            case MetricType.Timestamp when TryParseTimestamp(cell, out var instant):
                value = instant;
                return true;
            case MetricType.Duration when TryParseDuration(cell, out var duration):
                value = duration;
                return true;
            case MetricType.TextList:
                value = cell.Split('|');
                return true;
        }

        reason = $"`{cell}` is not {Describe(type)}";
        return false;
    }

    /// <summary>Writes a value in the cell format; NULL is the empty string.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => MetricValues.ToUtc(t).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z",
        TimeSpan t => FormatDuration(t),
        IEnumerable<string> list => string.Join('|', list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static bool TryParseTimestamp(string cell, out DateTime instant)
    {
        var ok = DateTimeOffset.TryParseExact(cell,
            ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm:ssK"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        instant = ok ? parsed.UtcDateTime : default;
        return ok && (cell.EndsWith('Z') || cell.Contains('+') || cell.LastIndexOf('-') > 10);
    }

    private static bool TryParseDuration(string cell, out TimeSpan duration)
    {
        duration = default;
        if (cell.Length < 2 || !long.TryParse(cell.AsSpan(0, cell.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return TimeSpan.TryParse(cell, CultureInfo.InvariantCulture, out duration);
        }

        TimeSpan? unit = cell[^1] switch
        {
            'w' => TimeSpan.FromDays(7),
            'd' => TimeSpan.FromDays(1),
            'h' => TimeSpan.FromHours(1),
            'm' => TimeSpan.FromMinutes(1),
            's' => TimeSpan.FromSeconds(1),
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        duration = unit.Value * amount;
        return true;
    }

    private static string FormatDuration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.Ticks / TimeSpan.TicksPerDay}d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.Ticks / TimeSpan.TicksPerHour}h"
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{span.Ticks / TimeSpan.TicksPerMinute}m"
        : $"{span.Ticks / TimeSpan.TicksPerSecond}s";

    private static string Describe(MetricType type) => type switch
    {
        MetricType.Int => "a whole number",
        MetricType.Money => "an amount such as 12.50",
        MetricType.Number => "a number such as 0.25",
        MetricType.Bool => "true or false",
        MetricType.Date => "a date such as 2019-10-01",
        MetricType.Timestamp => "a UTC timestamp such as 2019-10-01T08:30:00Z",
        MetricType.Duration => "a duration such as 7d or 12h",
        _ => "a " + type.ToDisplayName(),
    };
}
