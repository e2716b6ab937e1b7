using System.Globalization;
using System.Text;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// Generates the query that computes every declared profile metric as of a date D from the events, for a
/// SQL dialect: one pass of filtered aggregates over the events up to D, one small ranking per "top"
/// metric, then ratios and rule-language expressions over those. Filters and expressions go through the
/// rule compiler's SQL target, so their literals are parameters and their meaning is the language's.
/// </summary>
public static class ProfileQuery
{
    /// <summary>
    /// The SELECT (user_id, then one column a metric in catalog order) over <paramref name="eventsSource"/>
    /// (DuckDB: <c>read_parquet(...)</c>; Spark: a table or <c>parquet.`path`</c>). DuckDB and PostgreSQL
    /// get the as-of day and every literal as parameters; Spark gets them inline, escaped.
    /// </summary>
    /// <param name="derived">v2 aggregates of saved segments to compute too, each a column named by its stable name (<see cref="AggregateColumns"/>).</param>
    public static SqlQuery Build(ProfileCatalog catalog, SqlDialect dialect, DateOnly asOf, string eventsSource,
        IReadOnlyList<(DerivedMetric Derived, Rules.Syntax.AggregateNode Node)>? derived = null)
    {
        derived ??= [];
        var clock = RuleClock.AsOfDate(asOf);
        var spark = dialect == SqlDialect.SparkSql;
        var parameters = spark ? [] : new List<SqlParameter> { new("$1", asOf, MetricType.Date) };
        var day = spark ? $"DATE'{asOf:yyyy-MM-dd}'" : "CAST($1 AS DATE)";
        string Q(string name) => dialect.QuoteIdentifier(name);
        string Filter(MetricDeclaration metric, string? extra = null)
        {
            var parts = new List<string>();
            if (metric.WindowDays is { } days)
            {
                var back = (days - 1).ToString(CultureInfo.InvariantCulture);
                parts.Add(spark ? $"event_date >= date_sub({day}, {back})" : $"event_date >= {day} - {back}");
            }

            if (metric.Filter is { } filter)
            {
                var compiled = SqlTarget.Condition(Rule.Parse(filter, EventFields.Catalog).Rule!, dialect, clock, parameters.Count + 1);
                parameters.AddRange(compiled.Parameters);
                parts.Add(compiled.Text);
            }

            if (extra is not null)
            {
                parts.Add(extra);
            }

            return parts.Count == 0 ? "TRUE" : string.Join(" AND ", parts);
        }

        var aggregates = new List<string>();
        var tops = new List<(MetricDeclaration Metric, string Cte)>();
        foreach (var metric in catalog.Declarations)
        {
            var field = metric.Field is null ? null : Q(metric.Field);
            var column = metric.Aggregate switch
            {
                MetricAggregate.Count => $"count(*) FILTER (WHERE {Filter(metric)})",
                MetricAggregate.SumPrice => $"coalesce(sum(price) FILTER (WHERE {Filter(metric)}), 0)",
                MetricAggregate.DistinctCount => $"count(DISTINCT {field}) FILTER (WHERE {Filter(metric)})",
                MetricAggregate.MinTime => $"min(event_time) FILTER (WHERE {Filter(metric)})",
                MetricAggregate.MaxTime => $"max(event_time) FILTER (WHERE {Filter(metric)})",
                MetricAggregate.List when spark => $"CASE WHEN count({field}) FILTER (WHERE {Filter(metric)}) = 0 THEN NULL ELSE array_sort(collect_set({field}) FILTER (WHERE {Filter(metric)})) END",
                MetricAggregate.List => $"list_sort(list(DISTINCT {field}) FILTER (WHERE {Filter(metric, $"{field} IS NOT NULL")}))",
                _ => null,
            };
            if (column is not null)
            {
                aggregates.Add($"{column} AS {Q(metric.Name)}");
            }
            else if (metric.Aggregate == MetricAggregate.Top)
            {
                // The most frequent value; a tie goes to the ordinally smallest.
                var pick = spark ? "min_by(v, named_struct('n', -c, 'v', v))" : "first(v ORDER BY c DESC, v ASC)";
                tops.Add((metric, $"SELECT user_id, {pick} AS v FROM (SELECT user_id, {field} AS v, count(*) AS c FROM events WHERE {Filter(metric, $"{field} IS NOT NULL")} GROUP BY user_id, {field}) AS counted GROUP BY user_id"));
            }
        }

        foreach (var (metric, node) in derived)
        {
            aggregates.Add($"{AggregateColumns.Column(node, dialect, clock, parameters)} AS {Q(metric.Name)}");
        }

        var sql = new StringBuilder();
        sql.Append($"WITH events AS (SELECT * FROM {eventsSource} WHERE event_date <= {day}),\n");
        sql.Append($"base AS (SELECT user_id, {string.Join(", ", aggregates)} FROM events GROUP BY user_id)");
        for (var i = 0; i < tops.Count; i++)
        {
            sql.Append($",\ntop{i} AS ({tops[i].Cte})");
        }

        var stage = new List<string> { "base.*" };
        stage.AddRange(tops.Select((t, i) => $"top{i}.v AS {Q(t.Metric.Name)}"));
        stage.AddRange(Ratios(catalog, dialect));
        sql.Append($",\nstage AS (SELECT {string.Join(", ", stage)} FROM base{string.Concat(tops.Select((_, i) => $" LEFT JOIN top{i} USING (user_id)"))})\n");

        sql.Append($"SELECT {string.Join(", ", Outputs(catalog, dialect, clock, parameters, derived.Select(d => d.Derived)))} FROM stage");
        return new SqlQuery(sql.ToString(), parameters);
    }

    /// <summary>The catalog's ratios over the <c>base</c> stage's counts (only those of <paramref name="only"/>, when given).</summary>
    internal static IEnumerable<string> Ratios(ProfileCatalog catalog, SqlDialect dialect, IReadOnlySet<string>? only = null) =>
        catalog.Declarations.Where(d => d.Aggregate == MetricAggregate.Ratio && (only is null || only.Contains(d.Name))).Select(d =>
            $"CAST(base.{dialect.QuoteIdentifier(d.Numerator!)} AS DOUBLE) / NULLIF(CAST(base.{dialect.QuoteIdentifier(d.Denominator!)} AS DOUBLE), 0) AS {dialect.QuoteIdentifier(d.Name)}");

    /// <summary>
    /// The profile's columns over the <c>stage</c>: user_id, every metric in catalog order (expressions computed here), then
    /// the v2 columns; only the metrics and aggregates of <paramref name="only"/>, when given.
    /// </summary>
    internal static List<string> Outputs(ProfileCatalog catalog, SqlDialect dialect, RuleClock clock, List<SqlParameter> parameters, IEnumerable<DerivedMetric> derived,
        IReadOnlySet<string>? only = null)
    {
        var columns = new List<string> { "user_id" };
        foreach (var metric in catalog.Declarations.Where(m => only is null || only.Contains(m.Name)))
        {
            if (metric.Aggregate == MetricAggregate.Expression)
            {
                var compiled = SqlTarget.Condition(Rule.ParseExpression(metric.Expression!, catalog.Catalog).Rule!, dialect, clock, parameters.Count + 1);
                parameters.AddRange(compiled.Parameters);
                columns.Add($"{compiled.Text} AS {dialect.QuoteIdentifier(metric.Name)}");
            }
            else
            {
                columns.Add(dialect.QuoteIdentifier(metric.Name));
            }
        }

        columns.AddRange(derived.Where(d => only is null || only.Contains(d.Name)).Select(d => dialect.QuoteIdentifier(d.Name)));
        return columns;
    }
}
