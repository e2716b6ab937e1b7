using System.Globalization;
using System.Text.Json;

namespace Cdp.Pipeline.Activation;

/// <summary>
/// Membership changes as JSON, the one format of every destination: a change is
/// <c>{"segment", "version", "as_of", "user_id", "change", "initial", "key", "rule_hash"}</c>; a webhook body is
/// <c>{"changes": [...]}</c>; a Kafka message's value is one change. Schema: docs/activation.md.
/// </summary>
public static class ChangeJson
{
    public static byte[] Body(IEnumerable<MembershipChange> changes)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("changes");
            foreach (var change in changes)
            {
                Write(json, change);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static byte[] One(MembershipChange change)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            Write(json, change);
        }

        return stream.ToArray();
    }

    private static void Write(Utf8JsonWriter json, MembershipChange change)
    {
        json.WriteStartObject();
        json.WriteString("segment", change.Segment);
        json.WriteNumber("version", change.Version);
        json.WriteString("as_of", change.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteNumber("user_id", change.UserId);
        json.WriteString("change", change.Change);
        json.WriteBoolean("initial", change.Initial);
        json.WriteString("key", change.Key);
        json.WriteString("rule_hash", change.RuleHash);
        json.WriteEndObject();
    }

    /// <summary>The changes of a webhook body or a Kafka value (a receiver's side, and the tests').</summary>
    public static IReadOnlyList<MembershipChange> Read(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var items = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("changes", out var list) ? list.EnumerateArray().ToList() : [root];
        return [.. items.Select(c => new MembershipChange(
            c.GetProperty("segment").GetString()!, c.GetProperty("version").GetInt32(),
            DateOnly.ParseExact(c.GetProperty("as_of").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), c.GetProperty("user_id").GetInt64(),
            c.GetProperty("change").GetString()!, c.GetProperty("initial").GetBoolean(), c.GetProperty("rule_hash").GetString()!, c.GetProperty("key").GetString()!))];
    }
}
