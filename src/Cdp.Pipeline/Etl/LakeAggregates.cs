using Cdp.Pipeline.Lake;
using Cdp.Rules;
using Cdp.Rules.Syntax;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Etl;

/// <summary>Each customer's values of a rule's aggregates, and the values of a customer none of whose events they read.</summary>
/// <param name="Aggregates">The aggregates, in the order of the rows.</param>
/// <param name="Values">By customer: the values, in <paramref name="Aggregates"/>' order; a customer the scan did not meet is not here.</param>
/// <param name="WithoutEvents">The values over no events (COUNT and SUM 0, the others NULL): a customer not in <paramref name="Values"/>.</param>
public sealed record LakeAggregateValues(IReadOnlyList<DerivedMetric> Aggregates, IReadOnlyDictionary<long, object?[]> Values, object?[] WithoutEvents);

/// <summary>
/// v2 aggregates computed on demand over the lake, for the editor's preview of a rule whose aggregates no ETL run has
/// computed yet: the same SQL the ETL's profile query uses for them (<see cref="AggregateColumns"/>), over the
/// customers' events up to the as-of day, in an in-memory DuckDB beside the store (nothing of the store changes).
/// When every aggregate has a window, only the days of the widest are read (the lake is partitioned by day): events
/// before it are never counted, and a customer without events in it gets the values over no events.
/// </summary>
public static class LakeAggregates
{
    public static LakeAggregateValues Compute(string dataDirectory, Rule rule, DateOnly asOf)
    {
        var nodes = AggregateColumns.Of([rule]);
        var values = new Dictionary<long, object?[]>();
        var withoutEvents = nodes.Select(n => WithoutEvents(n.Node.Function, n.Derived.Type)).ToArray();
        if (nodes.Count == 0 || EventLakeReader.Dates(dataDirectory).Count == 0)
        {
            return new LakeAggregateValues([.. nodes.Select(n => n.Derived)], values, withoutEvents);
        }

        var clock = RuleClock.AsOfDate(asOf);
        var parameters = new List<SqlParameter>();
        var columns = nodes.Select(n => AggregateColumns.Column(n.Node, SqlDialect.DuckDb, clock, parameters)).ToList();
        var from = FirstDay(nodes.Select(n => n.Node), clock);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var days = from is null ? $"event_date <= CAST(${parameters.Count + 1} AS DATE)" : $"event_date BETWEEN CAST(${parameters.Count + 2} AS DATE) AND CAST(${parameters.Count + 1} AS DATE)";
        using var command = connection.Command(
            $"SELECT user_id, {string.Join(", ", columns)} FROM {LakeScan.Sql(dataDirectory)} WHERE {days} GROUP BY user_id",
            [.. parameters.Select(p => p.Value), asOf, .. from is { } first ? new object?[] { first } : []]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new object?[nodes.Count];
            for (var i = 0; i < nodes.Count; i++)
            {
                row[i] = reader.IsDBNull(i + 1) ? null : MetricValues.Normalize(nodes[i].Derived.Type, Profiles.DuckDbProfileReader.Read(reader, i + 1, nodes[i].Derived.Type));
            }

            values[reader.GetInt64(0)] = row;
        }

        return new LakeAggregateValues([.. nodes.Select(n => n.Derived)], values, withoutEvents);
    }

    /// <summary>
    /// The first day whose events any of the aggregates can read (the day of the earliest window start), or null when
    /// one reads all history. A window's start is computed the way the filter computes it: from the clock.
    /// </summary>
    internal static DateOnly? FirstDay(IEnumerable<AggregateNode> nodes, RuleClock clock)
    {
        DateTime? earliest = null;
        foreach (var node in nodes)
        {
            DateTime start;
            if (node.Last is { Value: Duration last })
            {
                start = clock.Now - last.ToTimeSpan();
            }
            else if (node.Since is { } since && Rule.ParseExpression(since.ToString(), Rules.Checking.EventFields.Catalog).Rule is { } expression
                && expression.ValueOf(new Dictionary<string, object?>(), clock) is { } value)
            {
                start = value switch
                {
                    DateTime time => time,
                    DateOnly date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    _ => DateTime.MinValue,
                };
            }
            else
            {
                return null; // all history
            }

            earliest = earliest is { } e && e < start ? e : start;
        }

        return earliest is { } first ? DateOnly.FromDateTime(first) : null;
    }

    /// <summary>An aggregate's value over no events: COUNT, COUNT(DISTINCT) and SUM are 0 (of their type), the others NULL.</summary>
    private static object? WithoutEvents(AggregateFunction function, MetricType type) => function switch
    {
        AggregateFunction.Count or AggregateFunction.CountDistinct => 0L,
        AggregateFunction.Sum => type == MetricType.Money ? 0m : 0L,
        _ => null,
    };
}
