using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cdp.Pipeline.Events;

/// <summary>
/// The JSON form of an event, on Kafka and in the HTTP collector: the data set's column names, ids and
/// price as JSON numbers, time as the data set's text (<c>"2019-10-01 00:00:00 UTC"</c>), empty fields
/// as null. Parsing validates exactly as the CSV reader does.
/// </summary>
public static class EventJson
{
    private static readonly string[] Names =
        ["event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price", "user_id", "user_session"];

    /// <summary>The event as UTF-8 JSON.</summary>
    public static byte[] ToUtf8(CommerceEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event_time", e.EventTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
            writer.WriteString("event_type", e.EventType.ToName());
            writer.WriteNumber("product_id", e.ProductId);
            writer.WriteNumber("category_id", e.CategoryId);
            writer.WriteString("category_code", e.CategoryCode);
            writer.WriteString("brand", e.Brand);
            writer.WriteNumber("price", e.Price);
            writer.WriteNumber("user_id", e.UserId);
            writer.WriteString("user_session", e.UserSession);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses and validates a message; the reason says what is wrong with one that is refused.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out CommerceEvent? parsed, out string? reason)
    {
        // A forward-only read of one flat object (no document is built: this runs for every message).
        parsed = null;
        var fields = new string?[Names.Length];
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reason = "an event must be a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = IndexOf(ref reader);
                reader.Read();
                var value = reader.TokenType switch
                {
                    JsonTokenType.Null => "",
                    JsonTokenType.String => reader.GetString()!,
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
                    _ => "\u0000" + reader.TokenType,
                };
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                if (index >= 0)
                {
                    fields[index] = value;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                reason = "not JSON: the object does not end where it should";
                return false;
            }
        }
        catch (JsonException e)
        {
            reason = "not JSON: " + e.Message;
            return false;
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            reason = "not UTF-8: a string of the message holds bytes that are no UTF-8 text"; // found by fuzzing: it threw
            return false;
        }

        for (var i = 0; i < Names.Length; i++)
        {
            if (fields[i] is null)
            {
                reason = $"{Names[i]} is missing";
                return false;
            }
        }

        return EventCsvFormat.TryCreate(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], out parsed, out reason);
    }

    private static int IndexOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < Utf8Names.Length; i++)
        {
            if (reader.ValueTextEquals(Utf8Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static readonly byte[][] Utf8Names = Names.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>Parses a message given as text.</summary>
    public static bool TryParse(string json, out CommerceEvent? parsed, out string? reason) =>
        TryParse(Encoding.UTF8.GetBytes(json), out parsed, out reason);
}
