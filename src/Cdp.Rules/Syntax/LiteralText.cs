using System.Globalization;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Syntax;

/// <summary>The canonical spelling of literal values.</summary>
internal static class LiteralText
{
    public static string Format(LiteralNode literal) => literal.Kind switch
    {
        LiteralKind.Integer => ((long)literal.Value!).ToString(CultureInfo.InvariantCulture),
        LiteralKind.Decimal => ((decimal)literal.Value!).ToString(CultureInfo.InvariantCulture),
        LiteralKind.Text => Quote((string)literal.Value!),
        LiteralKind.Boolean => (bool)literal.Value! ? "TRUE" : "FALSE",
        LiteralKind.Null => "NULL",
        LiteralKind.Date => ((DateOnly)literal.Value!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        LiteralKind.Timestamp => Timestamp((DateTime)literal.Value!),
        LiteralKind.Duration => ((Duration)literal.Value!).ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(literal), literal.Kind, null),
    };

    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Timestamp(DateTime instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z";
}
