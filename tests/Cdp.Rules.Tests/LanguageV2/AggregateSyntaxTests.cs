using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.LanguageV2;

/// <summary>v2's syntax: aggregates and segment references parse, print in one canonical spelling, and round-trip.</summary>
public class AggregateSyntaxTests
{
    [Theory]
    [InlineData("count(purchases in last 30d) >= 2", "COUNT(purchases IN LAST 30d) >= 2")]
    [InlineData("SUM(price OF Purchases where brand = 'apple' IN LAST 90d) > 500", "SUM(price OF purchases WHERE brand = 'apple' IN LAST 90d) > 500")]
    [InlineData("last(purchases) < now() - 60d", "LAST(purchases) < now() - 60d")]
    [InlineData("count(distinct user_session of events in last 7d) > 3", "COUNT(DISTINCT user_session OF events IN LAST 7d) > 3")]
    [InlineData("count(carts where category_code starts with 'electronics' in last 14d) >= 3 and count(purchases in last 14d) = 0",
        "COUNT(carts WHERE category_code STARTS WITH 'electronics' IN LAST 14d) >= 3 AND COUNT(purchases IN LAST 14d) = 0")]
    [InlineData("first(views since 2019-10-01) is not null", "FIRST(views SINCE 2019-10-01) IS NOT NULL")]
    [InlineData("count(removals since today() - 14d) > count(carts since today() - 14d)", "COUNT(removals SINCE today() - 14d) > COUNT(carts SINCE today() - 14d)")]
    [InlineData("avg(price of purchases where brand in ('apple', 'samsung') in last 30d) > 100", "AVG(price OF purchases WHERE brand IN ('apple', 'samsung') IN LAST 30d) > 100")]
    [InlineData("max(brand of views) = 'zte' or min(event_time of events) < 2019-10-02", "MAX(brand OF views) = 'zte' OR MIN(event_time OF events) < 2019-10-02")]
    [InlineData("IN_SEGMENT('big_spenders') and not in_segment('lapsed_buyers')", "in_segment('big_spenders') AND NOT in_segment('lapsed_buyers')")]
    [InlineData("count(views where not (user_session is null) in last 14d) > 0", "COUNT(views WHERE NOT user_session IS NULL IN LAST 14d) > 0")] // IN before LAST is the window's
    [InlineData("count(views where brand in ('a') in last 14d) > 0", "COUNT(views WHERE brand IN ('a') IN LAST 14d) > 0")]
    public void A_rule_with_aggregates_prints_canonically_and_reparses_to_the_same_tree(string text, string canonical)
    {
        var rule = V2Catalog.Parse(text);

        Assert.Equal(canonical, rule.ToCanonicalString());
        Assert.Equal(SyntaxDump.Of(rule.Syntax), SyntaxDump.Of(V2Catalog.Parse(canonical).Syntax));
    }

    [Fact]
    public void Two_spellings_of_one_aggregate_have_one_identity_and_one_stable_name()
    {
        var a = V2Catalog.Parse("count(purchases   where BRAND = 'apple' in last 30d) > 1");
        var b = V2Catalog.Parse("COUNT(PURCHASES WHERE brand = 'apple' IN LAST 30d) <= 5 AND spend_30d > 0");

        var derived = Assert.Single(a.Derived);
        Assert.Equal(derived, Assert.Single(b.Derived));
        Assert.Equal("COUNT(purchases WHERE brand = 'apple' IN LAST 30d)", derived.Text);
        Assert.Matches("^agg_[0-9a-f]{12}$", derived.Name);
        Assert.Equal(DerivedMetric.AggregateName(derived.Text), derived.Name);
        Assert.NotEqual(derived.Name, Assert.Single(V2Catalog.Parse("count(purchases where brand = 'apple' in last 31d) > 1").Derived).Name);
    }

    [Fact]
    public void The_rule_lists_what_it_needs_in_order_of_first_use_with_the_contracts_types()
    {
        var rule = V2Catalog.Parse("""
            count(purchases) > 0 AND sum(price of purchases) > 1 AND sum(product_id of views) > 1 AND avg(price of purchases) > 1
            AND min(brand of views) = 'a' AND max(event_time of carts) < now() AND first(events) < now() AND last(events) < now()
            AND count(distinct brand of views) > 1 AND in_segment('big_spenders') AND count(purchases) < 9
            """);

        Assert.Equal(
            [MetricType.Int, MetricType.Money, MetricType.Int, MetricType.Number, MetricType.Text, MetricType.Timestamp, MetricType.Timestamp,
             MetricType.Timestamp, MetricType.Int, MetricType.Bool],
            rule.Derived.Select(d => d.Type));
        Assert.Equal(9, rule.Aggregates.Count());
        var segment = Assert.Single(rule.SegmentReferences);
        Assert.Equal(("big_spenders", DerivedMetric.SegmentName("big_spenders")), (segment.Segment, segment.Name));
        Assert.Empty(rule.Metrics); // event fields in WHERE are not profile metrics
    }

    [Fact]
    public void The_aggregate_words_are_not_reserved_and_kinds_are_words_only_in_their_place()
    {
        var catalog = new MetricCatalog([new("last", MetricType.Int, ""), new("count", MetricType.Int, ""), new("events", MetricType.Int, "")]);

        var rule = V2Catalog.Parse("last > 1 AND count < 2 AND events = 3 AND count(events) > 0", catalog);

        Assert.Equal(["last", "count", "events"], rule.Metrics.Select(m => m.Name));
        Assert.Single(rule.Aggregates);
    }
}
