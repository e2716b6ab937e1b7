using System.Globalization;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using Cdp.Rules.Syntax;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The SQL of the partial aggregates that <see cref="CombinedProfileQuery"/> combines into profiles, each over the events
/// of any set of days, one row a customer and day (or a customer, day and value): counts, sums and least and greatest
/// times, which add up across days; and, for what does not add up (distinct sessions, products, categories; the most
/// frequent value and its ties), the day's distinct values, or its counts by value, to be merged. A condition is compiled
/// by the rule compiler (its literals become parameters) and never reads the clock, so a day's partial is the same
/// whatever the as-of day.
/// </summary>
internal static class DayPartialQuery
{
    /// <summary>Sums by customer and day: one row for every customer with an event that day that the table's condition holds for.</summary>
    public static SqlQuery Sums(PartialPlan.SumTable table, string events)
    {
        var parameters = new List<SqlParameter>();
        var columns = table.Columns.Select(s => $"{Expression(s.Kind, s.Field, Condition(s.Condition, parameters))} AS {Quote(s.Column)}").ToList();
        var where = table.Condition is null ? "" : $" WHERE {Condition(table.Condition, parameters)}";
        return new SqlQuery($"SELECT user_id, event_date, {string.Join(", ", columns)} FROM {events}{where} GROUP BY user_id, event_date", parameters);
    }

    /// <summary>A field's distinct non-NULL values by customer and day, of the events the condition holds for.</summary>
    public static SqlQuery Values(PartialPlan.ValueSet set, string events)
    {
        var parameters = new List<SqlParameter>();
        var field = Quote(set.Field);
        return new SqlQuery($"SELECT DISTINCT user_id, event_date, {field} AS v FROM {events} WHERE {Condition(set.Condition, parameters)} AND {field} IS NOT NULL", parameters);
    }

    /// <summary>A field's non-NULL values with their counts by customer and day (a top value's partial).</summary>
    public static SqlQuery Counts(PartialPlan.ValueSet set, string events)
    {
        var parameters = new List<SqlParameter>();
        var field = Quote(set.Field);
        return new SqlQuery($"SELECT user_id, event_date, {field} AS v, count(*) AS c FROM {events} WHERE {Condition(set.Condition, parameters)} AND {field} IS NOT NULL GROUP BY user_id, event_date, {field}", parameters);
    }

    internal static string Quote(string name) => SqlDialect.DuckDb.QuoteIdentifier(name);

    internal static string Day(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    private static string Expression(PartialPlan.SumKind kind, string? field, string condition) => kind switch
    {
        PartialPlan.SumKind.Count => $"count(*) FILTER (WHERE {condition})",
        PartialPlan.SumKind.CountOf => $"count({Quote(field!)}) FILTER (WHERE {condition})",
        PartialPlan.SumKind.Sum => $"sum({Quote(field!)}) FILTER (WHERE {condition})",
        PartialPlan.SumKind.SumCents => $"sum(CAST({Quote(field!)} * 100 AS BIGINT)) FILTER (WHERE {condition})",
        PartialPlan.SumKind.Min => $"min({Quote(field!)}) FILTER (WHERE {condition})",
        _ => $"max({Quote(field!)}) FILTER (WHERE {condition})",
    };

    // A condition in the rule language over the event's fields (null: every event), compiled for DuckDB.
    private static string Condition(string? text, List<SqlParameter> parameters)
    {
        if (text is null)
        {
            return "TRUE";
        }

        var compiled = SqlTarget.Condition(Rule.Parse(text, EventFields.Catalog).Rule!, SqlDialect.DuckDb, RuleClock.AsOfDate(DateOnly.MinValue), parameters.Count + 1);
        parameters.AddRange(compiled.Parameters);
        return compiled.Text;
    }
}
