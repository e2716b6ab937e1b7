using System.Globalization;
using System.Text;

namespace Cdp.Rules.Sql;

/// <summary>
/// Spark SQL 3.4 and later (ANSI mode on or off), with the session time zone set to UTC. Spark takes no
/// parameters from us, so literals are written inline: text with every quote, backslash and
/// non-printable or non-ASCII character escaped, numbers and dates formatted by this code, never copied.
/// </summary>
internal sealed class SparkSqlDialect : SqlDialect
{
    public override string Name => "spark";

    internal override bool UsesParameters => false;

    public override string QuoteIdentifier(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>
    /// The subtrahend in parentheses: `(a - abs(b))` is Spark SQL, but dt-sql-parser's Spark grammar (the tests'
    /// checker) reads `a - abs` as a hyphenated identifier there; `(a - (abs(b)))` means the same to both.
    /// </summary>
    internal override string Difference(string left, string right) => $"({left} - ({right}))";

    internal override string TypeName(MetricType type) => type switch
    {
        MetricType.Bool => "BOOLEAN",
        MetricType.Int => "BIGINT",
        MetricType.Money => "DECIMAL(38,10)",
        MetricType.Number => "DOUBLE",
        MetricType.Text => "STRING",
        MetricType.Date => "DATE",
        MetricType.Timestamp => "TIMESTAMP",
        MetricType.Duration => "INTERVAL DAY TO SECOND",
        _ => "ARRAY<STRING>",
    };

    internal override string Inline(object? value, MetricType type) => value switch
    {
        bool b => b ? "TRUE" : "FALSE",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        decimal d => Decimal(d),
        string s => Text(s),
        DateOnly d => "DATE'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        DateTime t => "TIMESTAMP'" + t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') + "'",
        TimeSpan t => Interval(t),
        _ => throw new ArgumentException($"no Spark SQL literal for {value?.GetType().Name ?? "NULL"}", nameof(value)),
    };

    internal override string Contains(string text, string part) => $"contains({text}, {part})";

    internal override string StartsWith(string text, string prefix) => $"startswith({text}, {prefix})";

    internal override string EndsWith(string text, string suffix) => $"endswith({text}, {suffix})";

    internal override string ListHas(string list, string item) => $"array_contains({list}, {item})";

    internal override string DaysBetween(string fromDate, string toDate) => $"CAST(datediff({toDate}, {fromDate}) AS BIGINT)";

    // Spark divides decimals at a scale of at least 6, rounding HALF_UP (away from zero), the same digits as ROUND(.., 6).
    internal override string DivideMoney(string left, string right) =>
        $"ROUND(try_divide(CAST({left} AS DECIMAL(38,10)), CAST({right} AS DECIMAL(38,10))), {Runtime.RuleSemantics.MoneyQuotientScale})";

    internal override string DivideNumber(string left, string right) =>
        $"try_divide(CAST({left} AS DOUBLE), CAST({right} AS DOUBLE))";

    private static string Decimal(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return "CAST(" + text + "BD AS DECIMAL(38," + Math.Min((int)value.Scale, 37).ToString(CultureInfo.InvariantCulture) + "))";
    }

    private static string Interval(TimeSpan span)
    {
        var negative = span < TimeSpan.Zero;
        var magnitude = span.Duration();
        var seconds = magnitude.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
        return (negative ? "-" : "") + "INTERVAL '" + seconds + "' SECOND";
    }

    /// <summary>A Spark string literal: backslash escapes for the quote and backslash, \uXXXX for anything not printable ASCII.</summary>
    internal static string Text(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return builder.Append('\'').ToString();
    }
}
