namespace Cdp.Rules;

/// <summary>The names types go by in the catalog, in messages and in files.</summary>
public static class MetricTypeNames
{
    /// <summary>The type's name as the language documentation writes it (<c>text list</c>, <c>money</c>, ...).</summary>
    public static string ToDisplayName(this MetricType type) => type switch
    {
        MetricType.Bool => "bool",
        MetricType.Int => "int",
        MetricType.Money => "money",
        MetricType.Number => "number",
        MetricType.Text => "text",
        MetricType.Date => "date",
        MetricType.Timestamp => "timestamp",
        MetricType.Duration => "duration",
        MetricType.TextList => "text list",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The display name with its article, as messages write it: <c>an int</c>, <c>a text list</c>.</summary>
    internal static string WithArticle(this MetricType type) => type switch
    {
        MetricType.Int => "an int",
        _ => "a " + type.ToDisplayName(),
    };

    /// <summary>Reads a type name as written in a catalog file; accepts <c>text list</c> and <c>text_list</c>.</summary>
    public static bool TryParse(string name, out MetricType type)
    {
        foreach (var candidate in Enum.GetValues<MetricType>())
        {
            var display = candidate.ToDisplayName();
            if (string.Equals(display, name.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(display.Replace(' ', '_'), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>True for int, money and number.</summary>
    public static bool IsNumeric(this MetricType type) => type is MetricType.Int or MetricType.Money or MetricType.Number;

    /// <summary>True for date and timestamp.</summary>
    public static bool IsTemporal(this MetricType type) => type is MetricType.Date or MetricType.Timestamp;
}
