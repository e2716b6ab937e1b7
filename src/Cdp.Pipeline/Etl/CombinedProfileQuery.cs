using System.Text;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using Cdp.Rules.Syntax;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The profiles as of D combined from the days' partial aggregates (<see cref="DayPartialQuery"/>) instead of the events:
/// the same columns, types and values as <see cref="ProfileQuery"/> over the lake, for the catalog's metrics and the v2
/// aggregates that <see cref="DayWindow.CombinesFromDays"/>; the few aggregates that do not (a condition that reads the
/// clock, a window that starts inside a day) are computed from the events of the days their window can reach.
/// </summary>
internal static class CombinedProfileQuery
{
    /// <summary>An aggregate combined from its partial table.</summary>
    public sealed record Combined(DerivedMetric Derived, AggregateNode Node, string Table);

    /// <param name="catalogTable">The catalog's partials (<see cref="DayPartialQuery.Catalog"/>), one row a customer and day.</param>
    /// <param name="combined">The aggregates combined from partials.</param>
    /// <param name="fromEvents">The aggregates computed from the events of <paramref name="eventsSource"/> (every day of the lake).</param>
    public static SqlQuery Build(ProfileCatalog catalog, DateOnly asOf, string catalogTable, IReadOnlyList<Combined> combined,
        IReadOnlyList<(DerivedMetric Derived, AggregateNode Node)> fromEvents, string eventsSource)
    {
        var dialect = SqlDialect.DuckDb;
        var clock = RuleClock.AsOfDate(asOf);
        var parameters = new List<SqlParameter>();
        string Window(int? days) => days is { } n ? $"event_date >= {DayPartialQuery.Day(DayWindow.FirstDayOf(asOf, n))}" : "TRUE";

        var aggregates = new List<string>();
        var tops = new List<(MetricDeclaration Metric, string Cte)>();
        foreach (var metric in catalog.Declarations)
        {
            var partial = DayPartialQuery.PartialColumn(metric);
            var window = Window(metric.WindowDays);
            var merged = $"flatten(list({partial}) FILTER (WHERE {window} AND {partial} IS NOT NULL))";
            var column = metric.Aggregate switch
            {
                MetricAggregate.Count => $"CAST(coalesce(sum({partial}) FILTER (WHERE {window}), 0) AS BIGINT)",
                MetricAggregate.SumPrice => $"coalesce(sum({partial}) FILTER (WHERE {window}), 0)",
                MetricAggregate.DistinctCount => $"CAST(coalesce(len(list_distinct({merged})), 0) AS BIGINT)",
                MetricAggregate.List => $"list_sort(list_distinct({merged}))",
                MetricAggregate.MinTime => $"min({partial}) FILTER (WHERE {window})",
                MetricAggregate.MaxTime => $"max({partial}) FILTER (WHERE {window})",
                _ => null,
            };
            if (column is not null)
            {
                aggregates.Add($"{column} AS {dialect.QuoteIdentifier(metric.Name)}");
            }
            else if (metric.Aggregate == MetricAggregate.Top)
            {
                // The counts by value of the window's days added up; the most frequent wins, a tie going to the ordinally smallest.
                tops.Add((metric, $"""
                    SELECT user_id, first(v ORDER BY c DESC, v ASC) AS v FROM (
                      SELECT user_id, t['v'] AS v, sum(t['c']) AS c FROM (SELECT user_id, unnest({partial}) AS t FROM days WHERE {window}) AS day_values
                      GROUP BY user_id, t['v']) AS counted
                    GROUP BY user_id
                    """));
            }
        }

        var sql = new StringBuilder();
        sql.Append($"WITH days AS (SELECT * FROM {PartialDays.Quote(catalogTable)} WHERE event_date <= {DayPartialQuery.Day(asOf)}),\n");
        sql.Append($"base AS (SELECT user_id, {string.Join(", ", aggregates)} FROM days GROUP BY user_id)");
        var joins = new StringBuilder();
        var stage = new List<string> { "base.*" };
        for (var i = 0; i < tops.Count; i++)
        {
            sql.Append($",\ntop{i} AS ({tops[i].Cte})");
            joins.Append($" LEFT JOIN top{i} USING (user_id)");
            stage.Add($"top{i}.v AS {dialect.QuoteIdentifier(tops[i].Metric.Name)}");
        }

        stage.AddRange(ProfileQuery.Ratios(catalog, dialect));
        for (var i = 0; i < combined.Count; i++)
        {
            var (derived, node, table) = combined[i];
            var from = DayWindow.FirstDay(node, asOf) is { } first ? $" AND event_date >= {DayPartialQuery.Day(first)}" : "";
            sql.Append($",\nagg{i} AS (SELECT user_id, {AggregatePartials.Combined(node)} AS v FROM {PartialDays.Quote(table)} WHERE event_date <= {DayPartialQuery.Day(asOf)}{from} GROUP BY user_id)");
            joins.Append($" LEFT JOIN agg{i} USING (user_id)");
            stage.Add($"{AggregatePartials.OrNone(node, $"agg{i}.v")} AS {dialect.QuoteIdentifier(derived.Name)}");
        }

        if (fromEvents.Count > 0)
        {
            // The earliest day any of them can reach bounds what is read of the lake.
            var firstDays = fromEvents.Select(a => DayWindow.FirstDay(a.Node, asOf)).ToList();
            var from = firstDays.All(d => d is not null) ? $" AND event_date >= {DayPartialQuery.Day(firstDays.Min()!.Value)}" : "";
            var columns = fromEvents.Select(a => $"{AggregateColumns.Column(a.Node, dialect, clock, parameters)} AS {dialect.QuoteIdentifier(a.Derived.Name)}");
            sql.Append($",\nevent_aggregates AS (SELECT user_id, {string.Join(", ", columns)} FROM (SELECT * FROM {eventsSource} WHERE event_date <= {DayPartialQuery.Day(asOf)}{from}) AS events GROUP BY user_id)");
            joins.Append(" LEFT JOIN event_aggregates USING (user_id)");
            stage.AddRange(fromEvents.Select(a => $"{AggregatePartials.OrNone(a.Node, $"event_aggregates.{dialect.QuoteIdentifier(a.Derived.Name)}")} AS {dialect.QuoteIdentifier(a.Derived.Name)}"));
        }

        sql.Append($",\nstage AS (SELECT {string.Join(", ", stage)} FROM base{joins})\n");
        var outputs = ProfileQuery.Outputs(catalog, dialect, clock, parameters, [.. combined.Select(c => c.Derived), .. fromEvents.Select(a => a.Derived)]);
        sql.Append($"SELECT {string.Join(", ", outputs)} FROM stage");
        return new SqlQuery(sql.ToString(), parameters);
    }
}
