namespace Cdp.Rules.Sql;

/// <summary>DuckDB 1.x.</summary>
internal sealed class DuckDbDialect : SqlDialect
{
    public override string Name => "duckdb";

    internal override bool UsesParameters => true;

    public override string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal override string TypeName(MetricType type) => type switch
    {
        MetricType.Bool => "BOOLEAN",
        MetricType.Int => "BIGINT",
        MetricType.Money => "DECIMAL(38,10)",
        MetricType.Number => "DOUBLE",
        MetricType.Text => "VARCHAR",
        MetricType.Date => "DATE",
        MetricType.Timestamp => "TIMESTAMP",
        MetricType.Duration => "INTERVAL",
        _ => "VARCHAR[]",
    };

    /// <summary>
    /// DuckDB's lower() folds all of Unicode, so it is exact only on ASCII text: a text whose byte length equals its
    /// length in characters is ASCII and takes lower(); any other takes translate() (exact everywhere, slower).
    /// </summary>
    internal override string Lower(string text) => $"(CASE WHEN strlen({text}) = length({text}) THEN lower({text}) ELSE {base.Lower(text)} END)";

    /// <summary>An ASCII text is lowered by DuckDB's lower exactly; any other equals no ASCII text either way, so it stays as it is (no translate).</summary>
    internal override string LowerForAsciiEquality(string text) => $"(CASE WHEN strlen({text}) = length({text}) THEN lower({text}) ELSE {text} END)";

    internal override string Contains(string text, string part) => $"contains({text}, {part})";

    internal override string StartsWith(string text, string prefix) => $"starts_with({text}, {prefix})";

    internal override string EndsWith(string text, string suffix) => $"ends_with({text}, {suffix})";

    internal override string ListHas(string list, string item) => $"list_contains({list}, {item})";

    internal override string DaysBetween(string fromDate, string toDate) => $"date_diff('day', {fromDate}, {toDate})";

    // DuckDB keeps an interval as (months, days, microseconds) and compares those parts without folding
    // hours into days when their signs differ ('-1 day 18 hours' is not '-6 hours'). Durations are exact
    // lengths of time in this language, so DuckDB computes them as BIGINT microseconds.
    private const string Epoch = "TIMESTAMP '2000-01-01 00:00:00'";

    internal override string Duration(string interval) => $"date_diff('microsecond', {Epoch}, {Epoch} + {interval})";

    internal override string Elapsed(string later, string earlier) => $"date_diff('microsecond', {earlier}, {later})";

    internal override string Shift(string timestamp, string symbol, string duration) => $"({timestamp} {symbol} to_microseconds({duration}))";

    internal override string AbsDuration(string duration) => $"abs({duration})";

    /// <summary>
    /// DuckDB divides decimals in DOUBLE, whose rounding could land a quotient on the wrong side of a
    /// 7th-place midpoint. So the quotient is computed in 128-bit integers: numerator at scale 16,
    /// denominator at scale 10, rounded half away from zero to whole millionths, then scaled back exactly.
    /// Exact for operands with at most 10 decimal places and magnitudes below 10^12.
    /// </summary>
    internal override string DivideMoney(string left, string right)
    {
        var numerator = $"CAST(CAST({left} AS DECIMAL(38,10)) * 10000000000000000 AS HUGEINT)";
        var denominator = $"CAST(CAST({right} AS DECIMAL(38,10)) * 10000000000 AS HUGEINT)";
        var millionths = $"(sign({numerator}) * sign({denominator}) * ((2 * abs({numerator}) + abs({denominator})) // (2 * abs({denominator}))))";
        return $"(CASE WHEN {right} = 0 THEN NULL ELSE CAST(CAST({millionths} AS DECIMAL(38,0)) * CAST(0.000001 AS DECIMAL(7,6)) AS DECIMAL(38,6)) END)";
    }
}
