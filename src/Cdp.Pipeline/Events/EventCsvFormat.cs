using System.Globalization;
using System.Text;

namespace Cdp.Pipeline.Events;

/// <summary>
/// The REES46 CSV format: the header, the strict parse of one line (with the reason a line is refused)
/// and the writing of one event, shared by the reader, the generator and the HTTP source.
/// </summary>
public static class EventCsvFormat
{
    /// <summary>The header line, exactly as the data set has it.</summary>
    public const string Header = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

    private const int Columns = 9;

    /// <summary>Parses one data line; on failure <paramref name="reason"/> says what is wrong.</summary>
    /// <param name="texts">Shares the repeated texts (category codes, brands) of one reader's events; none, each event has its own strings.</param>
    public static bool TryParse(string line, out CommerceEvent? parsed, out string? reason, TextPool? texts = null)
    {
        parsed = null;
        var ranges = new Range[Columns + 1];
        var fields = line.Contains('"') ? QuotedFields(line) : null;
        var count = fields?.Count ?? line.AsSpan().Split(ranges, ',');
        if (count != Columns)
        {
            reason = $"expected {Columns} fields, found {(fields?.Count ?? CountFields(line))}";
            return false;
        }

        ReadOnlySpan<char> Field(int i) => fields is null ? line.AsSpan(ranges[i]) : fields[i].AsSpan();

        return TryCreate(Field(0), Field(1), Field(2), Field(3), Field(4), Field(5), Field(6), Field(7), Field(8), out parsed, out reason, texts);
    }

    /// <summary>
    /// Validates the nine fields of an event, as text, wherever they came from (a CSV line, a JSON message
    /// of the collector or of Kafka), so that every path refuses the same events for the same reasons.
    /// </summary>
    public static bool TryCreate(
        ReadOnlySpan<char> eventTime, ReadOnlySpan<char> eventType, ReadOnlySpan<char> productId, ReadOnlySpan<char> categoryId,
        ReadOnlySpan<char> categoryCode, ReadOnlySpan<char> brand, ReadOnlySpan<char> priceText, ReadOnlySpan<char> userId,
        ReadOnlySpan<char> userSession, out CommerceEvent? parsed, out string? reason, TextPool? texts = null)
    {
        parsed = null;
        if (!TryParseTime(eventTime, out var time))
        {
            reason = $"event_time `{eventTime}` is not like 2019-10-01 00:00:00 UTC";
            return false;
        }

        if (EventLimits.TimeProblem(time) is { } outside)
        {
            reason = outside;
            return false;
        }

        if (!EventTypeNames.TryParse(eventType, out var type))
        {
            reason = $"event_type `{eventType}` is not view, cart, remove_from_cart or purchase";
            return false;
        }

        if (!TryParseId(productId, out var product))
        {
            reason = $"product_id `{productId}` is not a whole number";
            return false;
        }

        if (!TryParseId(categoryId, out var category))
        {
            reason = $"category_id `{categoryId}` is not a whole number";
            return false;
        }

        if (!TryParsePrice(priceText, out var price))
        {
            reason = $"price `{priceText}` is not a number";
            return false;
        }

        if (EventLimits.PriceProblem(price, priceText) is { } unkeepable)
        {
            reason = unkeepable;
            return false;
        }

        if (!TryParseId(userId, out var user))
        {
            reason = $"user_id `{userId}` is not a whole number";
            return false;
        }

        if ((TextProblem("category_code", categoryCode) ?? TextProblem("brand", brand) ?? TextProblem("user_session", userSession)) is { } tooLong)
        {
            reason = tooLong;
            return false;
        }

        parsed = new CommerceEvent(time, type, product, category, Shared(categoryCode, texts), Shared(brand, texts), price, user, Text(userSession));
        reason = null;
        return true;
    }

    private static string? TextProblem(string name, ReadOnlySpan<char> field) =>
        field.Length > EventLimits.MaxTextLength ? $"{name} has {field.Length} characters, more than {EventLimits.MaxTextLength}" : null;

    /// <summary>Writes one event as a data line, the inverse of <see cref="TryParse"/>.</summary>
    public static void Write(TextWriter writer, CommerceEvent e)
    {
        Span<char> buffer = stackalloc char[32];
        e.EventTime.TryFormat(buffer, out var written, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
        writer.Write(" UTC,");
        writer.Write(e.EventType.ToName());
        writer.Write(',');
        WriteNumber(writer, e.ProductId, buffer);
        writer.Write(',');
        WriteNumber(writer, e.CategoryId, buffer);
        writer.Write(',');
        WriteText(writer, e.CategoryCode);
        writer.Write(',');
        WriteText(writer, e.Brand);
        writer.Write(',');
        e.Price.TryFormat(buffer, out written, "0.00", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
        writer.Write(',');
        WriteNumber(writer, e.UserId, buffer);
        writer.Write(',');
        WriteText(writer, e.UserSession);
        writer.Write('\n');
    }

    /// <summary>A text field, quoted (RFC 4180) when it holds a comma, a quote or a line break, so the line parses back.</summary>
    private static void WriteText(TextWriter writer, string? text)
    {
        if (text is null || text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static void WriteNumber(TextWriter writer, long value, Span<char> buffer)
    {
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    private static string? Text(ReadOnlySpan<char> field) => field.IsEmpty ? null : field.ToString();

    private static string? Shared(ReadOnlySpan<char> field, TextPool? texts) =>
        field.IsEmpty ? null : texts?.Share(field) ?? field.ToString();

    private static bool TryParseId(ReadOnlySpan<char> field, out long value) =>
        long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Exactly <c>yyyy-MM-dd HH:mm:ss UTC</c>, read by position (the hot path of every ingest).</summary>
    private static bool TryParseTime(ReadOnlySpan<char> field, out DateTime time)
    {
        time = default;
        if (field.Length != 23 || field[4] != '-' || field[7] != '-' || field[10] != ' ' || field[13] != ':' || field[16] != ':'
            || !field.EndsWith(" UTC", StringComparison.Ordinal)
            || !TryDigits(field[..4], out var year) || !TryDigits(field.Slice(5, 2), out var month) || !TryDigits(field.Slice(8, 2), out var day)
            || !TryDigits(field.Slice(11, 2), out var hour) || !TryDigits(field.Slice(14, 2), out var minute) || !TryDigits(field.Slice(17, 2), out var second)
            || month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    /// <summary>A price such as <c>35.79</c> or <c>-1.5</c>: digits, an optional point and up to 8 decimals.</summary>
    private static bool TryParsePrice(ReadOnlySpan<char> field, out decimal price)
    {
        price = 0;
        var negative = field.StartsWith("-");
        var digits = negative ? field[1..] : field;
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? [] : digits[(point + 1)..];
        if (whole.IsEmpty || whole.Length > 10 || fraction.Length > 8 || (point >= 0 && fraction.IsEmpty))
        {
            return decimal.TryParse(field, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out price);
        }

        long scaled = 0;
        foreach (var c in whole)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            scaled = scaled * 10 + (c - '0');
        }

        foreach (var c in fraction)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            scaled = scaled * 10 + (c - '0');
        }

        price = new decimal((int)(scaled & 0xFFFFFFFF), (int)(scaled >> 32), 0, negative, (byte)fraction.Length);
        return true;
    }

    private static int CountFields(string line) => line.AsSpan().Count(',') + 1;

    /// <summary>RFC 4180 fields of a line that holds quotes (the data set has none; other exports may).</summary>
    private static List<string> QuotedFields(string line)
    {
        var fields = new List<string>();
        var builder = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    builder.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    builder.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(builder.ToString());
                builder.Clear();
            }
            else
            {
                builder.Append(c);
            }
        }

        fields.Add(builder.ToString());
        return fields;
    }
}
