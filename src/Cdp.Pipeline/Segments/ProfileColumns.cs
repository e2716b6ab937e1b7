using Cdp.Rules;

namespace Cdp.Pipeline.Segments;

/// <summary>The column type that holds each language type, per engine: one place for every table the pipeline creates.</summary>
public static class ProfileColumns
{
    /// <summary>DuckDB column types.</summary>
    public static string DuckDb(MetricType type) => type switch
    {
        MetricType.Bool => "BOOLEAN",
        MetricType.Int => "BIGINT",
        MetricType.Money => "DECIMAL(18,2)",
        MetricType.Number => "DOUBLE",
        MetricType.Text => "VARCHAR",
        MetricType.Date => "DATE",
        MetricType.Timestamp => "TIMESTAMP",
        MetricType.Duration => "INTERVAL",
        _ => "VARCHAR[]",
    };

    /// <summary>PostgreSQL column types.</summary>
    public static string PostgreSql(MetricType type) => type switch
    {
        MetricType.Bool => "BOOLEAN",
        MetricType.Int => "BIGINT",
        MetricType.Money => "NUMERIC(18,2)",
        MetricType.Number => "DOUBLE PRECISION",
        MetricType.Text => "TEXT",
        MetricType.Date => "DATE",
        MetricType.Timestamp => "TIMESTAMP",
        MetricType.Duration => "INTERVAL",
        _ => "TEXT[]",
    };

    /// <summary>A double-quoted identifier, for DuckDB and PostgreSQL.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary><c>CREATE TABLE</c> for <c>user_id</c> and the given metrics.</summary>
    public static string CreateTable(string table, IEnumerable<MetricDefinition> metrics, Func<MetricType, string> columnType, bool temporary = false) =>
        $"CREATE {(temporary ? "TEMP " : "")}TABLE {Quote(table)} (user_id BIGINT PRIMARY KEY"
        + string.Concat(metrics.Select(m => $", {Quote(m.Name)} {columnType(m.Type)}")) + ")";
}
