using Cdp.Rules;
using Npgsql;
using NpgsqlTypes;

namespace Cdp.Pipeline.Store.Segments;

/// <summary>Npgsql values and parameters for the language's types (timestamps are UTC, stored without time zone).</summary>
public static class PostgresParameters
{
    /// <summary>A parameter of generated SQL, typed from its language type.</summary>
    public static NpgsqlParameter For(SqlParameter parameter) => new()
    {
        Value = Value(parameter.Value) ?? DBNull.Value,
        NpgsqlDbType = DbType(parameter.Type),
    };

    /// <summary>The Npgsql type of a language type.</summary>
    public static NpgsqlDbType DbType(MetricType type) => type switch
    {
        MetricType.Bool => NpgsqlDbType.Boolean,
        MetricType.Int => NpgsqlDbType.Bigint,
        MetricType.Money => NpgsqlDbType.Numeric,
        MetricType.Number => NpgsqlDbType.Double,
        MetricType.Text => NpgsqlDbType.Text,
        MetricType.Date => NpgsqlDbType.Date,
        MetricType.Timestamp => NpgsqlDbType.Timestamp,
        MetricType.Duration => NpgsqlDbType.Interval,
        _ => NpgsqlDbType.Array | NpgsqlDbType.Text,
    };

    /// <summary>A value as Npgsql writes it: UTC timestamps as "unspecified" for timestamp without time zone, lists as arrays.</summary>
    public static object? Value(object? value) => value switch
    {
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Unspecified),
        string text => text,
        IEnumerable<string> list => list.ToArray(),
        _ => value,
    };

    /// <summary>Writes one metric value into a binary COPY row: NULL, or the value typed from the language type.</summary>
    public static void Write(NpgsqlBinaryImporter importer, MetricType type, object? value)
    {
        var written = Value(MetricValues.Normalize(type, value));
        if (written is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(written, DbType(type));
        }
    }
}
