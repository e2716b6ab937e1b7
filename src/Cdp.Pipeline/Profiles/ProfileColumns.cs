using Cdp.Rules;

namespace Cdp.Pipeline.Profiles;

/// <summary>The DDL of the profiles tables the pipeline creates, in any SQL dialect.</summary>
public static class ProfileColumns
{
    /// <summary><c>CREATE TABLE</c> with <c>user_id</c> and one column a metric, typed by the dialect.</summary>
    public static string CreateTable(SqlDialect dialect, string table, IEnumerable<MetricDefinition> metrics, bool temporary = false) =>
        $"CREATE {(temporary ? "TEMP " : "")}TABLE {dialect.QuoteIdentifier(table)} ({dialect.QuoteIdentifier("user_id")} BIGINT PRIMARY KEY"
        + string.Concat(metrics.Select(m => $", {dialect.QuoteIdentifier(m.Name)} {dialect.ColumnType(m.Type)}")) + ")";
}
