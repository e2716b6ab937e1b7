using Cdp.Rules;
using Cdp.Rules.Syntax;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The v2 aggregates of saved segments as columns of the profile query (an aggregate is a metric declaration:
/// function, field, filter, window). Each becomes one filtered SQL aggregate over the events up to D, named by its
/// stable derived name; its filter is written in the rule language itself (the kind's event type, the window, the
/// WHERE) and compiled by the SQL target, so the meaning is the reference's and every literal is a parameter.
/// </summary>
public static class AggregateColumns
{
    /// <summary>The distinct aggregates of these rules, by derived name (each computed once however many rules use it).</summary>
    public static IReadOnlyList<(DerivedMetric Derived, AggregateNode Node)> Of(IEnumerable<Rule> rules)
    {
        var seen = new Dictionary<string, (DerivedMetric, AggregateNode)>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var node in rule.DerivedNodes().OfType<AggregateNode>())
            {
                var derived = rule.DerivedOf(node);
                seen.TryAdd(derived.Name, (derived, node));
            }
        }

        return [.. seen.Values];
    }

    /// <summary>The SQL aggregate of one aggregate (its parameters appended to <paramref name="parameters"/>).</summary>
    internal static string Column(AggregateNode node, SqlDialect dialect, RuleClock clock, List<SqlParameter> parameters)
    {
        var filter = SqlTarget.Condition(Rule.Parse(FilterText(node), Rules.Checking.EventFields.Catalog).Rule!, dialect, clock, parameters.Count + 1);
        parameters.AddRange(filter.Parameters);
        var where = $"FILTER (WHERE {filter.Text})";
        var field = node.Field is { } name ? dialect.QuoteIdentifier(name) : null;
        return node.Function switch
        {
            AggregateFunction.Count => $"count(*) {where}",
            AggregateFunction.CountDistinct => $"count(DISTINCT {field}) {where}",
            AggregateFunction.Sum when node.Field == "price" => $"coalesce(sum({field}) {where}, 0)",
            AggregateFunction.Sum => $"CAST(coalesce(sum({field}) {where}, 0) AS BIGINT)", // an int, as the contract says (DuckDB sums BIGINT into HUGEINT)
            // The exact sum over the count, rounded once to a double (the reference divides exactly as a decimal): money in
            // whole cents, so both sides convert to doubles exactly and one IEEE division rounds the true quotient.
            AggregateFunction.Avg when node.Field == "price" => $"CAST(sum(CAST({field} * 100 AS BIGINT)) {where} AS DOUBLE) / CAST(100 * count({field}) {where} AS DOUBLE)",
            AggregateFunction.Avg => $"CAST(sum({field}) {where} AS DOUBLE) / CAST(count({field}) {where} AS DOUBLE)",
            AggregateFunction.Min => $"min({field}) {where}",
            AggregateFunction.Max => $"max({field}) {where}",
            AggregateFunction.First => $"min(event_time) {where}",
            _ => $"max(event_time) {where}",
        };
    }

    /// <summary>
    /// The aggregate's condition without its window, in the language: the kind's type and the WHERE (its partial's
    /// condition; it does not read the clock when the aggregate <see cref="DayWindow.CombinesFromDays"/>).
    /// </summary>
    internal static string DayConditionText(AggregateNode node) => FilterText(node, window: false);

    /// <summary>Which events count, in the language: the kind's type, the window (always before now()), the WHERE.</summary>
    private static string FilterText(AggregateNode node, bool window = true)
    {
        var parts = new List<string> { window ? "event_time < now()" : "TRUE" };
        if (EventKinds.TryParse(node.KindName, out var kind) && kind.EventType() is { } type)
        {
            parts.Add($"event_type = '{type}'");
        }

        if (window && node.Last is { } last)
        {
            parts.Add($"event_time >= now() - {last}");
        }
        else if (window && node.Since is { } since)
        {
            parts.Add($"event_time >= {since}");
        }

        if (node.Where is { } condition)
        {
            parts.Add($"({condition})");
        }

        return string.Join(" AND ", parts);
    }
}
