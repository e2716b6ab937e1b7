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
    /// <param name="texts">Shares the repeated texts of one reader's events (see <see cref="TextPool"/>).</param>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out CommerceEvent? parsed, out string? reason, TextPool? texts = null)
    {
        // A forward-only read of one flat object (no document is built: this runs for every message).
        parsed = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read())
            {
                reason = "an event must be a JSON object";
                return false;
            }

            var fields = ReadFields(ref reader, out reason);
            if (reason is null && reader.Read())
            {
                reason = "not JSON: the object does not end where it should";
            }

            return reason is null ? Validate(fields!, out parsed, out reason, texts) : false;
        }
        catch (JsonException e)
        {
            reason = "not JSON: " + e.Message;
            return false;
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            reason = NotUtf8; // found by fuzzing: it threw
            return false;
        }
    }

    /// <summary>
    /// A batch of the collector, parsed once: a JSON array of events or <c>{"events": [...]}</c>, each element
    /// validated where it stands (no document is built, no element is written out again to be read). A body that
    /// is not JSON, not such an array, or holds more than <paramref name="maxEvents"/> events is a problem for the
    /// whole batch; an element that is no valid event is refused with its index and reason, and the others go on.
    /// </summary>
    public static EventBatchRead ReadBatch(ReadOnlySpan<byte> utf8, int maxEvents, TextPool? texts = null)
    {
        var events = new List<CommerceEvent>();
        var refused = new List<RefusedEvent>();
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || !EnterArray(ref reader))
            {
                return EventBatchRead.Problem(BatchShape);
            }

            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (index == maxEvents)
                {
                    return EventBatchRead.Problem($"a batch holds at most {maxEvents} events", tooMany: true);
                }

                var fields = ReadFields(ref reader, out var reason);
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    reader.Skip(); // an array where an event should be: refused whole
                }

                if (reason is null && Validate(fields!, out var parsed, out reason, texts))
                {
                    events.Add(parsed!);
                }
                else
                {
                    refused.Add(new RefusedEvent(index, reason!));
                }

                index++;
            }

            // What follows the array: nothing, or the wrapping object's other properties and its end.
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    reader.Read();
                    reader.Skip();
                }
                else if (reader.TokenType != JsonTokenType.EndObject)
                {
                    return EventBatchRead.Problem(BatchShape);
                }
            }
        }
        catch (JsonException e)
        {
            return EventBatchRead.Problem($"the body is not JSON: {e.Message}");
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            return EventBatchRead.Problem($"the body is not JSON: {NotUtf8}");
        }

        return new EventBatchRead(events, refused, null, false);
    }

    private const string BatchShape = "send a JSON array of events, or {\"events\": [...]}";
    private const string NotUtf8 = "not UTF-8: a string of the message holds bytes that are no UTF-8 text";

    /// <summary>At the batch's array: the body's own, or the <c>events</c> property of the body's object (other properties are skipped).</summary>
    private static bool EnterArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEvents = reader.ValueTextEquals("events"u8);
            reader.Read();
            if (isEvents)
            {
                return reader.TokenType == JsonTokenType.StartArray;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>
    /// The fields of the event object the reader stands at the start of, as text (null and a missing field both
    /// null here; <see cref="Validate"/> tells them apart), the reader left at its end; or the reason it is none.
    /// </summary>
    private static string?[]? ReadFields(ref Utf8JsonReader reader, out string? reason)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reason = "an event must be a JSON object";
            return null;
        }

        var fields = new string?[Names.Length];
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

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            reason = "not JSON: the object does not end where it should";
            return null;
        }

        reason = null;
        return fields;
    }

    private static bool Validate(string?[] fields, out CommerceEvent? parsed, out string? reason, TextPool? texts)
    {
        parsed = null;
        for (var i = 0; i < Names.Length; i++)
        {
            if (fields[i] is null)
            {
                reason = $"{Names[i]} is missing";
                return false;
            }
        }

        return EventCsvFormat.TryCreate(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], out parsed, out reason, texts);
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
