using Cdp.Rules.Sql;

namespace Cdp.Rules;

/// <summary>
/// The SQL compile targets: PostgreSQL, DuckDB and Spark SQL (<see cref="SqlDialect"/>). The output selects
/// a profile when the rule is TRUE, with the same meaning as <see cref="Rule.Evaluate(IReadOnlyDictionary{string, object?}, RuleClock)"/>.
/// </summary>
public static class SqlTarget
{
    /// <summary>
    /// The rule as an SQL expression over columns named like the metrics (boolean for a rule, of the
    /// expression's type for <see cref="Rule.ParseExpression"/>). Placeholders start at
    /// <paramref name="firstParameter"/>, so that several pieces can share one statement.
    /// </summary>
    public static SqlQuery Condition(Rule rule, SqlDialect dialect, RuleClock clock, int firstParameter = 1)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(dialect);
        return SqlGenerator.Condition(rule, dialect, RuleClock.Require(clock, nameof(clock)), firstParameter);
    }

    /// <summary>
    /// <c>SELECT id FROM table WHERE condition</c>. The table and id column names are quoted as identifiers
    /// (a dotted table name is quoted part by part), so they cannot change the statement's structure.
    /// </summary>
    public static SqlQuery Select(Rule rule, SqlDialect dialect, RuleClock clock, string table, string idColumn = "user_id")
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(idColumn);
        return SqlGenerator.Select(rule, dialect, RuleClock.Require(clock, nameof(clock)), table, idColumn);
    }
}
