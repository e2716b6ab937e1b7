namespace Cdp.Benchmarks.Suite;

/// <summary>
/// A profile with the metrics the suite's five rules read, in the catalog's types: ints, numbers with NULLs,
/// money with two places, a bool, texts with NULLs from a small vocabulary (as real brands and categories are).
/// </summary>
public sealed class SuiteProfile
{
    private static readonly string[] Brands = ["samsung", "apple", "xiaomi", "huawei", "lenovo", "sony", "lg", "bosch", "acer", "asus", "hp", "philips"];
    private static readonly string[] Categories =
    [
        "electronics.smartphone", "electronics.audio.headphone", "electronics.video.tv", "computers.notebook", "appliances.kitchen.refrigerators",
        "apparel.shoes", "furniture.living_room.sofa", "construction.tools.drill", "kids.toys", "Electronics.Clocks", "auto.accessories.player",
    ];

    public long UserId { get; init; }
    public long Sessions7d { get; init; }
    public long Views30d { get; init; }
    public double? CartRate { get; init; }
    public decimal Spend7d { get; init; }
    public decimal Spend30d { get; init; }
    public double? AvgOrderValue { get; init; }
    public bool IsBuyer { get; init; }
    public string? TopBrand30d { get; init; }
    public string? TopCategory30d { get; init; }

    /// <summary>The same profiles for the same seed.</summary>
    public static SuiteProfile[] Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var profiles = new SuiteProfile[count];
        for (var i = 0; i < count; i++)
        {
            var buyer = random.Next(4) == 0;
            var spend7 = buyer ? random.Next(0, 20_000) / 100m : 0m;
            profiles[i] = new SuiteProfile
            {
                UserId = i,
                Sessions7d = random.Next(0, 10),
                Views30d = random.Next(0, 60),
                CartRate = random.Next(5) == 0 ? null : random.NextDouble() * 0.5,
                Spend7d = spend7,
                Spend30d = spend7 + (buyer ? random.Next(0, 40_000) / 100m : 0m),
                AvgOrderValue = buyer ? random.Next(1_000, 50_000) / 100.0 : null,
                IsBuyer = buyer,
                TopBrand30d = random.Next(6) == 0 ? null : Brands[random.Next(Brands.Length)],
                TopCategory30d = random.Next(8) == 0 ? null : Categories[random.Next(Categories.Length)],
            };
        }

        return profiles;
    }

    public IReadOnlyDictionary<string, object?> ToRow() => new Dictionary<string, object?>
    {
        ["sessions_7d"] = Sessions7d,
        ["views_30d"] = Views30d,
        ["cart_rate"] = CartRate,
        ["spend_7d"] = Spend7d,
        ["spend_30d"] = Spend30d,
        ["avg_order_value"] = AvgOrderValue,
        ["is_buyer"] = IsBuyer,
        ["top_brand_30d"] = TopBrand30d,
        ["top_category_30d"] = TopCategory30d,
    };
}
