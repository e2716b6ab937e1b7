using System.Globalization;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Store.Explore;

/// <summary>The distribution of each catalog metric over the stored profiles, computed by the store (one or two queries a metric).</summary>
internal static class MetricDistributions
{
    public const int RangeCount = 10;
    public const int TopCount = 5;

    public static MetricDistribution Of(DuckDBConnection connection, MetricDeclaration metric)
    {
        var column = SqlDialect.DuckDb.QuoteIdentifier(metric.Name);
        long values, nulls;
        using (var command = connection.Command($"SELECT count({column}), count(*) - count({column}) FROM profiles", []))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            values = reader.GetInt64(0);
            nulls = reader.GetInt64(1);
        }

        return metric.Type switch
        {
            MetricType.Int or MetricType.Money or MetricType.Number => new(metric.Name, values, nulls, Ranges(connection, $"CAST({column} AS DOUBLE)", column), []),
            MetricType.Timestamp => new(metric.Name, values, nulls, Ranges(connection, $"epoch({column})", column), []),
            MetricType.Date => new(metric.Name, values, nulls, Ranges(connection, $"epoch(CAST({column} AS TIMESTAMP))", column), []),
            MetricType.TextList => new(metric.Name, values, nulls, [], Top(connection, $"unnest({column})", column)),
            _ => new(metric.Name, values, nulls, [], Top(connection, $"CAST({column} AS VARCHAR)", column)),
        };
    }

    private static List<ValueRange> Ranges(DuckDBConnection connection, string value, string column)
    {
        using var command = connection.Command(
            $"""
            WITH v AS (SELECT {value} AS x FROM profiles WHERE {column} IS NOT NULL),
                 r AS (SELECT min(x) AS lo, max(x) AS hi FROM v)
            SELECT coalesce(least({RangeCount - 1}, CAST(floor((x - lo) / nullif(hi - lo, 0) * {RangeCount}) AS INTEGER)), 0) AS b, count(*), min(lo), min(hi)
            FROM v, r GROUP BY b ORDER BY b
            """, []);
        using var reader = command.ExecuteReader();
        var counts = new long[RangeCount];
        double lo = 0, hi = 0;
        var any = false;
        while (reader.Read())
        {
            counts[reader.GetInt32(0)] = reader.GetInt64(1);
            lo = reader.GetDouble(2);
            hi = reader.GetDouble(3);
            any = true;
        }

        if (!any)
        {
            return [];
        }

        if (hi == lo)
        {
            return [new ValueRange(lo, hi, counts[0])];
        }

        var width = (hi - lo) / RangeCount;
        return [.. counts.Select((count, i) => new ValueRange(lo + i * width, i == RangeCount - 1 ? hi : lo + (i + 1) * width, count))];
    }

    private static List<ValueCount> Top(DuckDBConnection connection, string value, string column)
    {
        using var command = connection.Command(
            $"SELECT v, count(*) AS n FROM (SELECT {value} AS v FROM profiles WHERE {column} IS NOT NULL) WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT {TopCount}", []);
        using var reader = command.ExecuteReader();
        var top = new List<ValueCount>();
        while (reader.Read())
        {
            top.Add(new ValueCount(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "", reader.GetInt64(1)));
        }

        return top;
    }
}
