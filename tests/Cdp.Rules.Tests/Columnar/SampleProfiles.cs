namespace Cdp.Rules.Tests.Columnar;

/// <summary>
/// Profiles for the columnar tests: ints (one beyond int32 now and then), money at two places and at one place with
/// values beyond int32 cents, a rate, text and a bool, each NULL one time in five.
/// </summary>
internal static class SampleProfiles
{
    public static readonly MetricCatalog Catalog = new(
    [
        new("visits", MetricType.Int, ""), new("big", MetricType.Int, ""), new("spend", MetricType.Money, ""),
        new("wide_spend", MetricType.Money, ""), new("rate", MetricType.Number, ""), new("brand", MetricType.Text, ""),
        new("buyer", MetricType.Bool, ""),
    ]);

    public static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    public static List<(long UserId, IReadOnlyDictionary<string, object?> Metrics)> Generate(int count, int seed)
    {
        var random = new Random(seed);
        string[] brands = ["apple", "samsung", "xiaomi", "Sony"];
        object? Maybe(object value) => random.Next(5) == 0 ? null : value;
        return [.. Enumerable.Range(0, count).Select(i => ((long)i, (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["visits"] = Maybe((long)random.Next(0, 12)),
            ["big"] = Maybe((long)random.Next(-20, 20) * (random.Next(4) == 0 ? 1_000_000_000L : 1)),
            ["spend"] = Maybe(Math.Round((decimal)random.NextDouble() * 300, 2)),
            ["wide_spend"] = Maybe(Math.Round((decimal)random.NextDouble() * 5, 1) + (random.Next(3) == 0 ? 10_000_000_000m : 0)),
            ["rate"] = Maybe(random.NextDouble()),
            ["brand"] = Maybe(brands[random.Next(brands.Length)]),
            ["buyer"] = Maybe(random.Next(2) == 0),
        }))];
    }
}
