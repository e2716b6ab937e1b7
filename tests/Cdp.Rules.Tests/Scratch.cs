using Xunit.Abstractions;
namespace Cdp.Rules.Tests;
public class Scratch(ITestOutputHelper output)
{
    [Fact]
    public void Show()
    {
        foreach (var text in new[] {
            "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)",
            "sesions_7d > 3", "sessions_7d > ", "sessions_7d > 3 && cart_rate > 0.1", "top_brand_30d = 'abc", "(sessions_7d > 3",
            "sessions_7d > 3)", "sessions_7d 3", "top_brand_30d = 67 AND sessions_7d = 'x'", "cart_rate = NULL", "sessions_7d",
            "viewed_categories_30d HAS 'a''b' AND NOT is_buyer", "x IN (1, NULL)", "sessions_7d NOT", "last_seen_at >= today() - 7d",
            "sessions_7d BETWEEN 1 AND 3 AND spend_30d NOT IN (1.5, -2)", "a --comment\n > 1", "20% < cart_rate", "coalesce(cart_rate, 0) > 1e3",
            "sessions_7d > 3 AND", "NOT", "", "sessions_7d > 3 OR OR", "spend_30d / orders_30d > 5", "-(-sessions_7d) > 1", "top_brand_30d STARTS 'x'",
            "today(1) = today()", "foo(1) > 1", "Sessions_7D > 1",
        })
        {
            var r = Rule.Parse(text);
            output.WriteLine($"{text.Replace("\n","\\n")}  =>  {(r.Succeeded ? r.Rule.ToCanonicalString() : string.Join(" | ", r.Diagnostics))}");
        }
    }
}
