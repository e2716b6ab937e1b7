using System.Globalization;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Evaluation;

/// <summary>How runtime values are shown to people: in explanations and command-line output.</summary>
internal static class ValueText
{
    public static string Format(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "TRUE" : "FALSE",
        string s => LiteralText.Quote(s),
        long l => l.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => LiteralText.Timestamp(t),
        TimeSpan t => FormatDuration(t),
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(LiteralText.Quote)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string FormatDuration(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerHour != 0)
        {
            return span.ToString("c", CultureInfo.InvariantCulture);
        }

        var hours = (long)span.TotalHours;
        return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours}h";
    }
}
