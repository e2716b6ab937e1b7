namespace Cdp.Rules.Linq;

/// <summary>The CLR types that hold each language type in compiled expressions.</summary>
internal static class ClrTypes
{
    public static Type Of(MetricType type) => type switch
    {
        MetricType.Bool => typeof(bool),
        MetricType.Int => typeof(long),
        MetricType.Money => typeof(decimal),
        MetricType.Number => typeof(double),
        MetricType.Text => typeof(string),
        MetricType.Date => typeof(DateOnly),
        MetricType.Timestamp => typeof(DateTime),
        MetricType.Duration => typeof(TimeSpan),
        MetricType.TextList => typeof(IEnumerable<string>),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static Type Nullable(Type type) =>
        type.IsValueType && System.Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;

    public static Type Underlying(Type type) => System.Nullable.GetUnderlyingType(type) ?? type;
}
