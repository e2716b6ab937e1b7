namespace Cdp.Rules.Sql;

/// <summary>PostgreSQL 12 and later.</summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    public override string Name => "postgres";

    internal override bool UsesParameters => true;

    public override string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal override string TypeName(MetricType type) => type switch
    {
        MetricType.Bool => "BOOLEAN",
        MetricType.Int => "BIGINT",
        MetricType.Money => "NUMERIC",
        MetricType.Number => "DOUBLE PRECISION",
        MetricType.Text => "TEXT",
        MetricType.Date => "DATE",
        MetricType.Timestamp => "TIMESTAMP",
        MetricType.Duration => "INTERVAL",
        _ => "TEXT[]",
    };

    // The database's collation (en_US.UTF-8 on most servers, where 'a' < 'B') must not decide: "C" is code point order.
    internal override string OrderText(string left, string op, string right) => $"{left} COLLATE \"C\" {op} {right} COLLATE \"C\"";

    /// <summary>lower() under the "C" collation folds A-Z only (PostgreSQL's C locale lowers ASCII bytes), and runs as fast as lower() does.</summary>
    internal override string Lower(string text) => $"lower({text} COLLATE \"C\")";

    internal override string Contains(string text, string part) => $"strpos({text}, {part}) > 0";

    internal override string StartsWith(string text, string prefix) => $"starts_with({text}, {prefix})";

    internal override string EndsWith(string text, string suffix) => $"right({text}, length({suffix})) = {suffix}";

    internal override string ListHas(string list, string item) => $"{item} = ANY({list})";

    internal override string DaysBetween(string fromDate, string toDate) => $"CAST({toDate} - {fromDate} AS BIGINT)";
}
