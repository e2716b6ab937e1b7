using MongoDB.Bson;

namespace Cdp.Rules.Mongo;

/// <summary>
/// How profile values are stored in MongoDB, and so how literals are written in filters: int as Int64,
/// money as Decimal128, number as double, text as string, bool, date and timestamp as UTC dates
/// (a date at midnight; millisecond precision), duration as Int64 milliseconds, text list as an array.
/// NULL is BSON null; a missing field means the same.
/// </summary>
public static class MongoValues
{
    private static readonly DateTime UnixEpoch = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc);

    /// <summary>The BSON form of a value of the type (see <see cref="MetricValues"/> for the CLR forms accepted).</summary>
    public static BsonValue ToBson(MetricType type, object? value) => MetricValues.Normalize(type, value) switch
    {
        null => BsonNull.Value,
        long v => new BsonInt64(v),
        decimal v => new BsonDecimal128(v),
        double v => new BsonDouble(v),
        string v => new BsonString(v),
        bool v => BsonBoolean.Create(v),
        DateOnly v => new BsonDateTime(Runtime.RuleSemantics.AtMidnight(v)),
        DateTime v => new BsonDateTime(v),
        TimeSpan v => new BsonInt64(Milliseconds(v)),
        IEnumerable<string> v => new BsonArray(v.Select(s => new BsonString(s))),
        var other => throw new ArgumentException($"no BSON form for {other}", nameof(value)),
    };

    /// <summary>One document a customer: <c>user_id</c> and every metric of the catalog that the row holds.</summary>
    public static BsonDocument ToDocument(long userId, IReadOnlyDictionary<string, object?> metrics, IMetricCatalog catalog)
    {
        var document = new BsonDocument("user_id", new BsonInt64(userId));
        foreach (var metric in catalog.Metrics)
        {
            if (metrics.TryGetValue(metric.Name, out var value))
            {
                document[metric.Name] = ToBson(metric.Type, value);
            }
        }

        return document;
    }

    internal static long Milliseconds(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMillisecond;

    internal static long DayNumber(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(UnixEpoch).DayNumber;

    internal static BsonDateTime Epoch { get; } = new(UnixEpoch);
}
