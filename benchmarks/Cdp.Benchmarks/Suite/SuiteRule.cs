namespace Cdp.Benchmarks.Suite;

/// <summary>
/// One rule of the suite, written four ways with one meaning: in our language; by hand in C# (SQL's NULL
/// semantics spelled out); for System.Linq.Dynamic.Core; for Microsoft RulesEngine (input1 is the profile).
/// </summary>
public sealed record SuiteRule(string Name, string Text, Func<SuiteProfile, bool> HandWritten, string DynamicLinq, string RulesEngine)
{
    public static IReadOnlyList<SuiteRule> All { get; } =
    [
        new("card", "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)",
            p => p.Sessions7d > 3 && (p.CartRate >= 0.2 || p.Spend30d > 100m),
            "Sessions7d > 3 && (CartRate >= 0.2 || Spend30d > 100)",
            "input1.Sessions7d > 3 AND (input1.CartRate >= 0.2 OR input1.Spend30d > 100)"),
        new("not-heavy", "NOT (is_buyer OR views_30d < 5) AND NOT (cart_rate < 0.05)",
            p => !(p.IsBuyer || p.Views30d < 5) && p.CartRate is { } c && !(c < 0.05),
            "!(IsBuyer || Views30d < 5) && CartRate != null && !(CartRate < 0.05)",
            "!(input1.IsBuyer OR input1.Views30d < 5) AND input1.CartRate != null AND !(input1.CartRate < 0.05)"),
        new("text", "lower(top_category_30d) STARTS WITH 'electronics' AND top_brand_30d != 'samsung'",
            p => p.TopCategory30d is { } c && Lower(c).StartsWith("electronics", StringComparison.Ordinal) && p.TopBrand30d is { } b && b != "samsung",
            "TopCategory30d != null && TopCategory30d.ToLower().StartsWith(\"electronics\") && TopBrand30d != null && TopBrand30d != \"samsung\"",
            "input1.TopCategory30d != null AND input1.TopCategory30d.ToLower().StartsWith(\"electronics\") AND input1.TopBrand30d != null AND input1.TopBrand30d != \"samsung\""),
        new("in-list", "top_brand_30d IN ('apple', 'xiaomi', 'huawei', 'lenovo', 'sony') AND sessions_7d >= 1",
            p => p.TopBrand30d is "apple" or "xiaomi" or "huawei" or "lenovo" or "sony" && p.Sessions7d >= 1,
            "(TopBrand30d == \"apple\" || TopBrand30d == \"xiaomi\" || TopBrand30d == \"huawei\" || TopBrand30d == \"lenovo\" || TopBrand30d == \"sony\") && Sessions7d >= 1",
            "(input1.TopBrand30d == \"apple\" OR input1.TopBrand30d == \"xiaomi\" OR input1.TopBrand30d == \"huawei\" OR input1.TopBrand30d == \"lenovo\" OR input1.TopBrand30d == \"sony\") AND input1.Sessions7d >= 1"),
        new("arithmetic", "spend_30d - 2 * spend_7d > 50 + sessions_7d * 10",
            p => p.Spend30d - 2 * p.Spend7d > 50 + p.Sessions7d * 10,
            "Spend30d - 2 * Spend7d > 50 + Sessions7d * 10",
            "input1.Spend30d - 2 * input1.Spend7d > 50 + input1.Sessions7d * 10"),
    ];

    /// <summary>The language's lower(): A-Z only.</summary>
    private static string Lower(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
        }
    });
}
