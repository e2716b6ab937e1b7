namespace Cdp.Rules.Tests.LanguageV2;

/// <summary>A small profile catalog for the v2 tests, and the segments they may reference.</summary>
internal static class V2Catalog
{
    public static MetricCatalog Profiles { get; } = new(
    [
        new("spend_30d", MetricType.Money, "spend"),
        new("is_buyer", MetricType.Bool, "bought once"),
        new("top_brand_30d", MetricType.Text, "brand"),
    ]);

    public static RuleOptions WithSegments { get; } = new() { Segments = ["big_spenders", "lapsed_buyers"] };

    public static Rule Parse(string text, IMetricCatalog? catalog = null)
    {
        var parsed = Rule.Parse(text, catalog ?? Profiles, WithSegments);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        return parsed.Rule!;
    }
}
