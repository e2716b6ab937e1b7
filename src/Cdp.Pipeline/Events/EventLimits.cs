using System.Globalization;

namespace Cdp.Pipeline.Events;

/// <summary>
/// What the lake and the ETL can hold, checked for every event on every path (CSV, collector, Kafka) by
/// <see cref="EventCsvFormat.TryCreate"/>: the single gate, so that no event is accepted that a writer or a
/// run would fail on later. The time horizon comes from the environment, read once:
/// <c>CDP_EVENTS_NOT_BEFORE</c> (a date, default 2000-01-01) and <c>CDP_EVENTS_MAX_DAYS_AHEAD</c> (days after
/// today, UTC, default 1).
/// </summary>
public static class EventLimits
{
    /// <summary>The largest price DECIMAL(18,2) holds.</summary>
    public const decimal MaxPrice = 9_999_999_999_999_999.99m;

    /// <summary>Decimals a price may have (cents).</summary>
    public const int PriceDecimals = 2;

    /// <summary>The longest category code, brand or session, in characters.</summary>
    public const int MaxTextLength = 512;

    /// <summary>The longest line of an events file, in characters; a longer one is one refused line.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>The earliest event time accepted.</summary>
    public static DateTime NotBefore { get; } = Setting("CDP_EVENTS_NOT_BEFORE", text =>
        DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>How far after now (UTC) an event may be dated: clocks drift, but not by years.</summary>
    public static TimeSpan MaxAhead { get; } = Setting("CDP_EVENTS_MAX_DAYS_AHEAD", text => TimeSpan.FromDays(int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)), TimeSpan.FromDays(1));

    /// <summary>Why an event time is out of the horizon, or null.</summary>
    public static string? TimeProblem(DateTime time)
    {
        if (time < NotBefore)
        {
            return $"event_time {time:yyyy-MM-dd HH:mm:ss} is before {NotBefore:yyyy-MM-dd} (CDP_EVENTS_NOT_BEFORE)";
        }

        var latest = DateTime.UtcNow + MaxAhead;
        return time > latest ? $"event_time {time:yyyy-MM-dd HH:mm:ss} is in the future (after {latest:yyyy-MM-dd HH:mm}; CDP_EVENTS_MAX_DAYS_AHEAD)" : null;
    }

    /// <summary>Why a price cannot be kept exactly, or null.</summary>
    public static string? PriceProblem(decimal price, ReadOnlySpan<char> text)
    {
        if (price < 0)
        {
            return $"price {text} is negative";
        }

        if (price > MaxPrice)
        {
            return $"price {text} is more than the lake holds ({MaxPrice.ToString(CultureInfo.InvariantCulture)})";
        }

        return decimal.Round(price, PriceDecimals) != price ? $"price {text} has more than {PriceDecimals} decimals (cents are the smallest unit)" : null;
    }

    private static T Setting<T>(string name, Func<string, T> parse, T fallback)
    {
        if (Environment.GetEnvironmentVariable(name) is not { Length: > 0 } text)
        {
            return fallback;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} is `{text}`, which is not a valid setting");
        }
    }
}
