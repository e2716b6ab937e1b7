using Cdp.Rules.Tests.LanguageV2;

namespace Cdp.Rules.Tests.Checking;

/// <summary>
/// Beyond the message, an editor reads what a diagnostic found, what was expected and the text that fixes it (the
/// quick fix it offers). Each of the checker's kinds of mistake, with the three fields it sets.
/// </summary>
public class DiagnosticFieldTests
{
    [Theory]
    [InlineData("sesions_7d > 3", "sesions_7d", "a metric of the catalog", "sessions_7d")]
    [InlineData("banana > 3", "banana", "a metric of the catalog", null)]
    [InlineData("today > 2019-10-01", "today", "a metric of the catalog", "today()")]
    [InlineData("NOW > 2019-10-01T00:00:00Z", "NOW", "a metric of the catalog", "now()")] // the function's own spelling
    [InlineData("lowr(top_brand_30d) = 'x'", "lowr", "a function", "lower")]
    [InlineData("frobnicate(1) > 0", "frobnicate", "a function", null)]
    [InlineData("sessions_7d = NULL", "sessions_7d = NULL", "IS NULL", "sessions_7d IS NULL")]
    [InlineData("NULL != cart_rate", "NULL != cart_rate", "IS NOT NULL", "cart_rate IS NOT NULL")]
    [InlineData("last_seen_at > now() - 30", "30", null, "30d")]
    [InlineData("top_brand_30d = 'abc", "end of rule", "'", null)]
    [InlineData("sessions_7d > 3 && is_buyer", "&&", "AND", "AND")]
    [InlineData("top_brand_30d = 'a\0b'", "NUL", null, null)]
    [InlineData("sessions_7d IN (1, NULL)", "NULL", null, null)]
    [InlineData("viewed_categories_30d HAS NULL", "NULL", null, null)]
    public void A_v1_mistake_says_what_it_found_what_fits_and_how_to_fix_it(string text, string found, string? expected, string? suggestion)
    {
        var diagnostic = Assert.Single(Rule.Parse(text, ShopCatalog.Instance).Diagnostics);

        Assert.Equal((found, expected, suggestion), (diagnostic.Found, diagnostic.Expected, diagnostic.Suggestion));
    }

    [Theory]
    [InlineData("in_segment('big_spender')", "big_spender", "a saved segment", "'big_spenders'")]
    [InlineData("in_segment('zzzzzzzzzz')", "zzzzzzzzzz", "a saved segment", null)]
    [InlineData("count(purchse) > 1", "purchse", "an event kind", "purchases")]
    [InlineData("count(purchases where brnd = 'a') > 1", "brnd", "an event field", "brand")]
    public void A_v2_mistake_says_what_it_found_what_fits_and_how_to_fix_it(string text, string found, string? expected, string? suggestion)
    {
        var diagnostic = Assert.Single(Rule.Parse(text, V2Catalog.Profiles, V2Catalog.WithSegments).Diagnostics);

        Assert.Equal((found, expected, suggestion), (diagnostic.Found, diagnostic.Expected, diagnostic.Suggestion));
    }

    [Fact]
    public void An_unknown_segment_without_a_close_name_is_named_alone()
    {
        var diagnostic = Assert.Single(Rule.Parse("in_segment('zzzzzzzzzz')", V2Catalog.Profiles, V2Catalog.WithSegments).Diagnostics);

        Assert.Equal("unknown segment `zzzzzzzzzz`", diagnostic.Message);
    }
}
