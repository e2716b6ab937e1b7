namespace Cdp.Testing;

/// <summary>
/// Small pools of values shared by generated literals and generated profiles, so that equalities,
/// ties, zeros (division by zero) and hostile text turn up often.
/// </summary>
public static class ValuePools
{
    public static readonly long[] Ints = [0, 0, 1, 2, 3, 5, 7, 12, -1, -3];
    public static readonly decimal[] Money = [0.00m, 1.50m, 2.00m, 3.33m, 10.25m, 100.00m, -4.75m, 0.01m];
    public static readonly double[] Numbers = [0.0, 0.2, 0.25, 1.5, 3.0, 100.0, -2.0, 0.1];

    public static readonly string[] Texts =
    [
        "", "a", "A", "apple", "Apple", "app", "O'Brien", "say \"hi\"", "back\\slash", "100%", "a_b", "%", "_", "*",
        ".*", "[x]", "`tick`", "$where", "line\nbreak", "münchen", "MÜNCHEN", "日本", "ß", "İstanbul", "electronics.smartphone",
    ];

    public static readonly DateOnly[] Dates = Enumerable.Range(-3, 7).Select(d => new DateOnly(2019, 10, 2).AddDays(d)).ToArray();

    public static readonly DateTime[] Timestamps = Enumerable.Range(-8, 17)
        .Select(k => new DateTime(2019, 10, 2, 0, 0, 0, DateTimeKind.Utc).AddHours(6 * k)).ToArray();

    public static readonly TimeSpan[] Durations = [TimeSpan.Zero, TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(-1)];

    public static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 2));
}
