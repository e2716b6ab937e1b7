using System.Globalization;
using System.Text;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using Cdp.Rules.Syntax;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The partial aggregates of one day's events, which <see cref="CombinedProfileQuery"/> combines into profiles as of any
/// later day: for the catalog's metrics one row a customer with an event that day (every metric's filter applied, its
/// window not: windows are whole days, applied when combining); for a v2 aggregate one row a customer with a matching
/// event that day. Exact for every metric: counts and sums add up, first and last times take the least and greatest, and
/// what does not add up across days (distinct sessions, products and categories; top values with their ties) keeps the
/// day's distinct values, or its counts by value, to be merged.
/// </summary>
internal static class DayPartialQuery
{
    /// <summary>The catalog's partials of <paramref name="date"/> from <paramref name="dayEvents"/> (that day's events only).</summary>
    public static SqlQuery Catalog(ProfileCatalog catalog, string dayEvents, DateOnly date)
    {
        var parameters = new List<SqlParameter>();
        var columns = new List<string>();
        var tops = new List<(MetricDeclaration Metric, string Cte)>();
        foreach (var metric in catalog.Declarations)
        {
            var field = metric.Field is null ? null : Quote(metric.Field);
            string Filter(string? extra = null) => CatalogFilter(metric, date, parameters, extra);
            var column = metric.Aggregate switch
            {
                MetricAggregate.Count => $"count(*) FILTER (WHERE {Filter()})",
                MetricAggregate.SumPrice => $"sum(price) FILTER (WHERE {Filter()})",
                MetricAggregate.DistinctCount or MetricAggregate.List => $"list(DISTINCT {field}) FILTER (WHERE {Filter($"{field} IS NOT NULL")})",
                MetricAggregate.MinTime => $"min(event_time) FILTER (WHERE {Filter()})",
                MetricAggregate.MaxTime => $"max(event_time) FILTER (WHERE {Filter()})",
                _ => null,
            };
            if (column is not null)
            {
                columns.Add($"{column} AS {PartialColumn(metric)}");
            }
            else if (metric.Aggregate == MetricAggregate.Top)
            {
                tops.Add((metric, $"SELECT user_id, list(struct_pack(v := v, c := c)) AS t FROM (SELECT user_id, {field} AS v, count(*) AS c FROM events WHERE {Filter($"{field} IS NOT NULL")} GROUP BY user_id, {field}) AS counted GROUP BY user_id"));
            }
        }

        var sql = new StringBuilder();
        sql.Append($"WITH events AS (SELECT * FROM {dayEvents}),\n");
        sql.Append($"base AS (SELECT user_id{string.Concat(columns.Select(c => ", " + c))} FROM events GROUP BY user_id)");
        for (var i = 0; i < tops.Count; i++)
        {
            sql.Append($",\ntop{i} AS ({tops[i].Cte})");
        }

        var select = new List<string> { Day(date) + " AS event_date", "base.*" };
        select.AddRange(tops.Select((t, i) => $"top{i}.t AS {PartialColumn(t.Metric)}"));
        sql.Append($"\nSELECT {string.Join(", ", select)} FROM base{string.Concat(tops.Select((_, i) => $" LEFT JOIN top{i} USING (user_id)"))}");
        return new SqlQuery(sql.ToString(), parameters);
    }

    /// <summary>One v2 aggregate's partials of <paramref name="date"/> (it must <see cref="DayWindow.CombinesFromDays"/>).</summary>
    public static SqlQuery Aggregate(AggregateNode node, string dayEvents, DateOnly date)
    {
        var parameters = new List<SqlParameter>();
        var condition = AggregateColumns.DayCondition(node, SqlDialect.DuckDb, date, parameters);
        var columns = AggregatePartials.DayColumns(node);
        return new SqlQuery($"SELECT user_id, {Day(date)} AS event_date, {columns} FROM {dayEvents} WHERE {condition} GROUP BY user_id", parameters);
    }

    /// <summary>The partial column of a catalog metric (a prefix keeps it apart from <c>user_id</c> and <c>event_date</c>).</summary>
    public static string PartialColumn(MetricDeclaration metric) => Quote("p_" + metric.Name);

    internal static string Quote(string name) => SqlDialect.DuckDb.QuoteIdentifier(name);

    internal static string Day(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    // The metric's filter without its window, compiled by the rule compiler (its literals become parameters).
    private static string CatalogFilter(MetricDeclaration metric, DateOnly date, List<SqlParameter> parameters, string? extra)
    {
        var parts = new List<string>();
        if (metric.Filter is { } filter)
        {
            var compiled = SqlTarget.Condition(Rule.Parse(filter, EventFields.Catalog).Rule!, SqlDialect.DuckDb, RuleClock.AsOfDate(date), parameters.Count + 1);
            parameters.AddRange(compiled.Parameters);
            parts.Add(compiled.Text);
        }

        if (extra is not null)
        {
            parts.Add(extra);
        }

        return parts.Count == 0 ? "TRUE" : string.Join(" AND ", parts);
    }
}
