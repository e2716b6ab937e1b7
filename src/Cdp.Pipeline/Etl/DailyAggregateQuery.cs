namespace Cdp.Pipeline.Etl;

/// <summary>The daily aggregates of docs/metrics.md (one row a user and UTC date) as a SELECT, for DuckDB or Spark SQL.</summary>
public static class DailyAggregateQuery
{
    /// <summary>The aggregates of one day's events, from <paramref name="eventsSource"/>.</summary>
    public static string Build(string eventsSource, DateOnly date) => Build(eventsSource, $"WHERE event_date = DATE'{date:yyyy-MM-dd}'\n");

    /// <summary>The aggregates of every day of <paramref name="eventsSource"/> (a source of just the days to build).</summary>
    public static string Build(string eventsSource) => Build(eventsSource, "");

    private static string Build(string eventsSource, string where) => $"""
        SELECT user_id, event_date, count(*) AS events,
               count(*) FILTER (WHERE event_type = 'view') AS views,
               count(*) FILTER (WHERE event_type = 'cart') AS carts,
               count(*) FILTER (WHERE event_type = 'remove_from_cart') AS removes,
               count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
               coalesce(sum(price) FILTER (WHERE event_type = 'purchase'), 0) AS spend,
               count(DISTINCT user_session) AS sessions,
               min(event_time) AS first_event_at, max(event_time) AS last_event_at
        FROM {eventsSource}
        {where}GROUP BY user_id, event_date
        """;
}
