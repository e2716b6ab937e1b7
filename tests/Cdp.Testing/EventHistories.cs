using Cdp.Rules;

namespace Cdp.Testing;

/// <summary>
/// Generated customers' event histories for the v2 properties, made to hit the contract's edges: events exactly at
/// the window's start (now() - 7d, - 14d, - 30d), exactly at now() and after it, NULL brands, categories and sessions,
/// brands that differ only in case, exact duplicate rows, zero prices and prices whose sums pass 2^53 cents.
/// </summary>
public static class EventHistories
{
    /// <summary>The as-of day of the histories: now() is 2019-11-01 00:00Z.</summary>
    public static RuleClock Clock { get; } = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    private static readonly DateTime Now = new(2019, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Types = ["view", "view", "view", "cart", "remove_from_cart", "purchase", "purchase"];
    private static readonly string?[] Brands = [null, "apple", "Apple", "samsung", "zte", ""];
    private static readonly string?[] Categories = [null, "electronics.smartphone", "electronics.audio", "apparel.shoes"];
    private static readonly decimal[] Prices = [0m, 0.01m, 9.99m, 250m, 1_000.50m, 99_999_999_999.99m];
    private static readonly string?[] Sessions = [null, "s1", "s2", "s3", "s4"];
    private static readonly TimeSpan[] Edges = [TimeSpan.Zero, TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(30), TimeSpan.FromDays(-1)];

    /// <summary>Customers 1..<paramref name="customers"/>, each with 0 to 14 events (the same for the same seed).</summary>
    public static IReadOnlyList<(long Id, IReadOnlyList<RuleEvent> Events)> Generate(int seed, int customers)
    {
        var random = new Random(seed);
        var histories = new List<(long, IReadOnlyList<RuleEvent>)>();
        for (var id = 1L; id <= customers; id++)
        {
            var events = new List<RuleEvent>();
            for (var n = random.Next(15); n > 0; n--)
            {
                var time = random.Next(5) == 0
                    ? Now - Edges[random.Next(Edges.Length)]
                    : Now.AddMinutes(-random.Next(45 * 24 * 60)).AddSeconds(random.Next(60));
                var e = new RuleEvent(time, Types[random.Next(Types.Length)], random.Next(1, 6), random.Next(1, 4),
                    Categories[random.Next(Categories.Length)], Brands[random.Next(Brands.Length)], Prices[random.Next(Prices.Length)], Sessions[random.Next(Sessions.Length)]);
                events.Add(e);
                if (random.Next(8) == 0)
                {
                    events.Add(e); // an exact duplicate row
                }
            }

            histories.Add((id, events));
        }

        return histories;
    }
}
