namespace Cdp.Rules;

/// <summary>
/// An SQL engine the rule compiler targets. One generator serves them all; a dialect overrides only
/// what its engine spells or behaves differently (see docs/rule-language.md, "How each target realises
/// the semantics").
/// </summary>
public abstract class SqlDialect
{
    /// <summary>PostgreSQL: double-quoted identifiers, every literal a parameter, text ordered with COLLATE "C".</summary>
    public static SqlDialect PostgreSql { get; } = new Sql.PostgreSqlDialect();

    /// <summary>DuckDB: double-quoted identifiers, every literal a parameter.</summary>
    public static SqlDialect DuckDb { get; } = new Sql.DuckDbDialect();

    /// <summary>Spark SQL: backtick identifiers, literals inline with Spark's backslash escaping.</summary>
    public static SqlDialect SparkSql { get; } = new Sql.SparkSqlDialect();

    private protected SqlDialect()
    {
    }

    /// <summary>The engine's name, as the command line spells it.</summary>
    public abstract string Name { get; }

    internal abstract bool UsesParameters { get; }

    /// <summary>A quoted identifier: the name can hold any character and still be one identifier.</summary>
    public abstract string QuoteIdentifier(string name);

    /// <summary>A text as an escaped literal, for SQL written around compiled rules (a segment's name); Spark SQL only: the other dialects take parameters and throw NotSupportedException.</summary>
    public string TextLiteral(string text) => Inline(text, MetricType.Text);

    /// <summary>The column type that stores a metric of the type in a profiles table (money as DECIMAL(18,2)).</summary>
    public string ColumnType(MetricType type) => type == MetricType.Money ? "DECIMAL(18,2)" : TypeName(type);

    internal abstract string TypeName(MetricType type);

    internal virtual string Placeholder(int index) => "$" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A literal written into the text (dialects without parameters only).</summary>
    internal virtual string Inline(object? value, MetricType type) =>
        throw new NotSupportedException($"{Name} takes every literal as a parameter");

    internal virtual string OrderText(string left, string op, string right) => $"{left} {op} {right}";

    /// <summary><c>lower(x)</c>: A-Z folded to a-z and nothing else. translate() is exact everywhere; a dialect may have a faster exact spelling.</summary>
    /// <summary>
    /// The language's lower of a text that is only compared for equality with texts of ASCII characters (=, !=, IN):
    /// a text with a character beyond ASCII equals none of them, folded or not, so an engine may leave such texts as
    /// they are. Null when the dialect has no cheaper exact form than <see cref="Lower"/>.
    /// </summary>
    internal virtual string? LowerForAsciiEquality(string text) => null;

    internal virtual string Lower(string text) => $"translate({text}, '{Runtime.RuleSemantics.AsciiUpper}', '{Runtime.RuleSemantics.AsciiLower}')";

    internal abstract string Contains(string text, string part);

    internal abstract string StartsWith(string text, string prefix);

    internal abstract string EndsWith(string text, string suffix);

    internal abstract string ListHas(string list, string item);

    /// <summary>Whole days from <paramref name="fromDate"/> to <paramref name="toDate"/>, as BIGINT.</summary>
    internal abstract string DaysBetween(string fromDate, string toDate);

    internal virtual string DivideNumber(string left, string right) =>
        $"CAST({left} AS {TypeName(MetricType.Number)}) / NULLIF(CAST({right} AS {TypeName(MetricType.Number)}), 0)";

    internal virtual string DivideMoney(string left, string right) =>
        $"ROUND({left} / NULLIF({right}, 0), {Runtime.RuleSemantics.MoneyQuotientScale})";

    internal virtual string Cast(string value, MetricType type) => $"CAST({value} AS {TypeName(type)})";

    /// <summary>A duration-typed value from an INTERVAL (a column or a literal), in the dialect's representation of durations.</summary>
    internal virtual string Duration(string interval) => interval;

    /// <summary><paramref name="later"/> minus <paramref name="earlier"/>, two timestamps, as a duration.</summary>
    internal virtual string Elapsed(string later, string earlier) => $"({later} - {earlier})";

    /// <summary>A numeric difference.</summary>
    internal virtual string Difference(string left, string right) => $"({left} - {right})";

    /// <summary>A timestamp moved by a duration; <paramref name="symbol"/> is + or -.</summary>
    internal virtual string Shift(string timestamp, string symbol, string duration) => $"({timestamp} {symbol} {duration})";

    internal virtual string AbsDuration(string duration) =>
        $"(CASE WHEN {duration} < INTERVAL '0 seconds' THEN -({duration}) ELSE {duration} END)";
}
