namespace Cdp.Benchmarks;

/// <summary>The profile class of the card's rule, as a user would write it.</summary>
public sealed class BenchmarkProfile
{
    public long UserId { get; init; }
    public long Sessions7d { get; init; }
    public double? CartRate { get; init; }
    public decimal Spend30d { get; init; }

    /// <summary>Seeded profiles: sessions 0-9, cart_rate NULL for one in five, spend 0-300 with two places.</summary>
    public static BenchmarkProfile[] Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var profiles = new BenchmarkProfile[count];
        for (var i = 0; i < count; i++)
        {
            profiles[i] = new BenchmarkProfile
            {
                UserId = i,
                Sessions7d = random.Next(0, 10),
                CartRate = random.Next(5) == 0 ? null : random.NextDouble() * 0.5,
                Spend30d = random.Next(0, 30_000) / 100m,
            };
        }

        return profiles;
    }

    public IReadOnlyDictionary<string, object?> ToRow() => new Dictionary<string, object?>
    {
        ["sessions_7d"] = Sessions7d,
        ["cart_rate"] = CartRate,
        ["spend_30d"] = Spend30d,
    };
}
