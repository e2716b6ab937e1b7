namespace Cdp.Testing;

/// <summary>A catalog with metrics of every type, two of each where operators take two, all nullable.</summary>
public static class TestCatalog
{
    public static MetricCatalog Instance { get; } = new(
    [
        new("visits", MetricType.Int, "an int"),
        new("orders", MetricType.Int, "another int"),
        new("spend", MetricType.Money, "money"),
        new("refunds", MetricType.Money, "more money"),
        new("ratio", MetricType.Number, "a number"),
        new("score", MetricType.Number, "another number"),
        new("brand", MetricType.Text, "text"),
        new("category", MetricType.Text, "more text"),
        new("active", MetricType.Bool, "a bool"),
        new("signup_date", MetricType.Date, "a date"),
        new("seen_at", MetricType.Timestamp, "a timestamp"),
        new("bought_at", MetricType.Timestamp, "another timestamp"),
        new("tenure", MetricType.Duration, "a duration"),
        new("tags", MetricType.TextList, "a text list"),
    ]);

    public static IEnumerable<string> Names(MetricType type) =>
        Instance.Metrics.Where(m => m.Type == type).Select(m => m.Name);
}

/// <summary>A user's own profile class, as the LINQ target binds it: by convention and by attribute.</summary>
public sealed class TestProfile
{
    public long Id { get; init; }
    public long? Visits { get; init; }
    public long? Orders { get; init; }
    public decimal? Spend { get; init; }
    public decimal? Refunds { get; init; }
    public double? Ratio { get; init; }
    public double? Score { get; init; }
    public string? Brand { get; init; }
    public string? Category { get; init; }
    public bool? Active { get; init; }
    public DateOnly? SignupDate { get; init; }
    public DateTime? SeenAt { get; init; }

    [Metric("bought_at")]
    public DateTime? LastPurchase { get; init; }

    public TimeSpan? Tenure { get; init; }
    public string[]? Tags { get; init; }

    public IReadOnlyDictionary<string, object?> ToRow() => new Dictionary<string, object?>
    {
        ["visits"] = Visits,
        ["orders"] = Orders,
        ["spend"] = Spend,
        ["refunds"] = Refunds,
        ["ratio"] = Ratio,
        ["score"] = Score,
        ["brand"] = Brand,
        ["category"] = Category,
        ["active"] = Active,
        ["signup_date"] = SignupDate,
        ["seen_at"] = SeenAt,
        ["bought_at"] = LastPurchase,
        ["tenure"] = Tenure,
        ["tags"] = Tags,
    };

    public override string ToString() => string.Join(", ", ToRow().Select(kv => $"{kv.Key}={Show(kv.Value)}"));

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("\n", "\\n") + "'",
        string[] list => "[" + string.Join(",", list.Select(Show)) + "]",
        DateTime t => t.ToString("O"),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
