using Cdp.Rules.Syntax;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// What a v2 aggregate keeps of each day (its partial columns) and how the days of its window combine into its value,
/// with the types and the NULLs of the contract: <c>COUNT</c>, <c>COUNT DISTINCT</c> and <c>SUM</c> are 0 when nothing
/// matches, the others NULL; <c>AVG</c> is the exact sum over the count, divided once, as <see cref="AggregateColumns"/>.
/// </summary>
internal static class AggregatePartials
{
    /// <summary>The partial columns of one day, over the day's matching events grouped by customer.</summary>
    public static string DayColumns(AggregateNode node)
    {
        var field = node.Field is { } name ? DayPartialQuery.Quote(name) : null;
        return node.Function switch
        {
            AggregateFunction.Count => "count(*) AS n",
            AggregateFunction.CountDistinct => $"list(DISTINCT {field}) FILTER (WHERE {field} IS NOT NULL) AS vals",
            AggregateFunction.Sum => $"sum({field}) AS s",
            AggregateFunction.Avg when node.Field == "price" => $"sum(CAST({field} * 100 AS BIGINT)) AS s, count({field}) AS n",
            AggregateFunction.Avg => $"sum({field}) AS s, count({field}) AS n",
            AggregateFunction.Min => $"min({field}) AS m",
            AggregateFunction.Max => $"max({field}) AS m",
            AggregateFunction.First => "min(event_time) AS m",
            _ => "max(event_time) AS m",
        };
    }

    /// <summary>The value of a customer with partial rows in the window, over those rows grouped by customer.</summary>
    public static string Combined(AggregateNode node) => node.Function switch
    {
        AggregateFunction.Count => "CAST(sum(n) AS BIGINT)",
        AggregateFunction.CountDistinct => "CAST(coalesce(len(list_distinct(flatten(list(vals) FILTER (WHERE vals IS NOT NULL)))), 0) AS BIGINT)",
        AggregateFunction.Sum when node.Field == "price" => "coalesce(sum(s), 0)",
        AggregateFunction.Sum => "CAST(coalesce(sum(s), 0) AS BIGINT)",
        AggregateFunction.Avg when node.Field == "price" => "CAST(sum(s) AS DOUBLE) / CAST(100 * sum(n) AS DOUBLE)",
        AggregateFunction.Avg => "CAST(sum(s) AS DOUBLE) / CAST(sum(n) AS DOUBLE)",
        AggregateFunction.Min or AggregateFunction.First => "min(m)",
        _ => "max(m)",
    };

    /// <summary>The value of a customer with no matching event (no partial row): 0 for counts and sums, else NULL.</summary>
    public static string OrNone(AggregateNode node, string value) =>
        node.Function is AggregateFunction.Count or AggregateFunction.CountDistinct or AggregateFunction.Sum ? $"coalesce({value}, 0)" : value;
}
