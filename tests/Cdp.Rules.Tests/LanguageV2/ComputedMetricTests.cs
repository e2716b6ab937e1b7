using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.LanguageV2;

/// <summary>
/// Computed metrics: a name for an expression over metrics and aggregates. A rule that names one means its expression
/// (its aggregates are the rule's, every target and the evaluator see them), and its canonical text keeps the name.
/// </summary>
public class ComputedMetricTests
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
    private static readonly DateTime Now = new(2019, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly ComputedMetric Electronics = new("purchases_electronics_90d",
        "count(purchases WHERE category_code STARTS WITH 'electronics' IN LAST 90d)", "Electronics purchases in 90 days");

    private static readonly ComputedMetric AppleShare = new("apple_spend_share",
        "sum(price of purchases where brand = 'apple') / spend_30d", "Share of spend on Apple");

    private static readonly RuleOptions Options = V2Catalog.WithSegments with { ComputedMetrics = [Electronics, AppleShare] };

    private static RuleParseResult Parse(string text) => Rule.Parse(text, V2Catalog.Profiles, Options);

    [Fact]
    public void A_rule_naming_a_computed_metric_reads_its_aggregates_and_keeps_its_name()
    {
        var rule = Parse("Purchases_Electronics_90d >= 2 AND is_buyer").Rule!;

        Assert.Equal("purchases_electronics_90d >= 2 AND is_buyer", rule.ToCanonicalString());
        var aggregate = Assert.Single(rule.Aggregates);
        Assert.Equal("COUNT(purchases WHERE category_code STARTS WITH 'electronics' IN LAST 90d)", aggregate.Text);
        Assert.Equal(MetricType.Int, aggregate.Type);
        Assert.Equal([Electronics], rule.ComputedMetrics);
        Assert.Equal(["is_buyer"], rule.Metrics.Select(m => m.Name));
    }

    [Fact]
    public void The_same_aggregate_spelled_out_is_the_same_derived_column()
    {
        var named = Parse("purchases_electronics_90d > 0").Rule!;
        var written = Parse("count(purchases where category_code starts with 'electronics' in last 90d) > 0").Rule!;

        Assert.Equal(written.Aggregates.Single().Name, named.Aggregates.Single().Name);
    }

    [Fact]
    public void The_canonical_text_parses_back_to_the_same_text_and_keeps_the_needed_parentheses()
    {
        foreach (var text in new[] { "apple_spend_share * 2 > 0.5", "NOT (apple_spend_share > 0.5) OR purchases_electronics_90d BETWEEN 1 AND 3", "-apple_spend_share < 0" })
        {
            var canonical = Parse(text).Rule!.ToCanonicalString();

            Assert.Equal(canonical, Parse(canonical).Rule!.ToCanonicalString());
            Assert.Contains("apple_spend_share", canonical, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_evaluator_computes_the_expression_from_the_events()
    {
        var rule = Parse("apple_spend_share >= 0.5 AND purchases_electronics_90d = 2").Rule!;
        RuleEvent Purchase(int daysAgo, string brand, decimal price) => new(Now.AddDays(-daysAgo), "purchase", 1, 7, "electronics.audio", brand, price, "s");
        var events = new[] { Purchase(1, "apple", 60m), Purchase(80, "apple", 500m), Purchase(2, "samsung", 40m) };
        var profile = new Dictionary<string, object?> { ["spend_30d"] = 100m, ["is_buyer"] = true };

        Assert.Equal(TruthValue.False, rule.Evaluate(profile, events, Clock)); // 560 / 100 >= 0.5, but 3 electronics purchases in 90 days are not 2
        Assert.Equal(TruthValue.True, rule.Evaluate(profile, events[..1].Concat(events[2..]).ToList(), Clock)); // 60 / 100, and 2
    }

    [Fact]
    public void A_misspelled_computed_metric_gets_a_did_you_mean()
    {
        var diagnostic = Assert.Single(Parse("purchases_electronic_90d > 1").Diagnostics);

        Assert.Equal("unknown metric `purchases_electronic_90d`; did you mean `purchases_electronics_90d`?", diagnostic.Message);
    }

    [Fact]
    public void A_computed_metric_cannot_use_another_and_its_mistakes_point_at_its_name()
    {
        var nested = new ComputedMetric("twice", "purchases_electronics_90d * 2", "");
        var broken = new ComputedMetric("broken", "count(purchases where brnd = 'x')", "");
        var options = Options with { ComputedMetrics = [Electronics, nested, broken] };

        var nestedUse = Assert.Single(Rule.Parse("twice > 1", V2Catalog.Profiles, options).Diagnostics);
        var brokenUse = Assert.Single(Rule.Parse("is_buyer AND broken > 1", V2Catalog.Profiles, options).Diagnostics);

        Assert.Equal((DiagnosticCodes.NotAllowedHere, "a computed metric cannot use another computed metric (`purchases_electronics_90d`)"), (nestedUse.Code, nestedUse.Message));
        Assert.Equal(new TextSpan(0, 5), nestedUse.Span);
        Assert.Equal(DiagnosticCodes.UnknownEventField, brokenUse.Code);
        Assert.Equal(new TextSpan(13, 6), brokenUse.Span);
    }

    [Fact]
    public void A_computed_metric_whose_expression_does_not_parse_says_so_where_its_name_is_written()
    {
        // Saved metrics are checked when saved; one stored by an older version of the language can still fail to parse.
        var unparsable = new ComputedMetric("stale", "count(purchases) >", "");

        var use = Assert.Single(Rule.Parse("is_buyer AND stale", V2Catalog.Profiles, Options with { ComputedMetrics = [unparsable] }).Diagnostics);

        Assert.Equal(DiagnosticCodes.UnknownMetric, use.Code);
        Assert.Equal("computed metric `stale` does not parse (`count(purchases) >`): unexpected end of rule; expected a metric name, a value or `(`", use.Message);
        Assert.Equal(new TextSpan(13, 5), use.Span);
    }

    [Fact]
    public void A_catalog_metric_of_the_same_name_wins()
    {
        var shadow = new ComputedMetric("spend_30d", "count(purchases)", "");

        var rule = Rule.Parse("spend_30d > 1", V2Catalog.Profiles, Options with { ComputedMetrics = [shadow] }).Rule!;

        Assert.Empty(rule.Derived);
        Assert.Empty(rule.ComputedMetrics);
    }

    [Fact]
    public void Profile_targets_read_the_computed_metrics_aggregates_as_derived_columns()
    {
        var rule = Parse("purchases_electronics_90d >= 2").Rule!;

        Assert.Equal(DiagnosticCodes.MissingDerivedColumn, Assert.Single(rule.MissingDerivedColumns()).Code);
        var ready = rule.WithDerivedColumns();
        Assert.Empty(ready.MissingDerivedColumns());
        var column = rule.Aggregates.Single().Name;
        var sql = SqlTarget.Condition(ready, SqlDialect.DuckDb, Clock);
        Assert.Contains(column, sql.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_computed_metrics_value_is_its_expressions_value_in_its_types_clr_type()
    {
        RuleEvent Purchase(int daysAgo, string brand, decimal price) => new(Now.AddDays(-daysAgo), "purchase", 1, 7, "electronics.audio", brand, price, "s");
        var events = new[] { Purchase(1, "apple", 60m), Purchase(2, "samsung", 40m) };
        var profile = new Dictionary<string, object?> { ["spend_30d"] = 120m };

        var count = Rule.ParseExpression("purchases_electronics_90d", V2Catalog.Profiles, Options).Rule!;
        var share = Rule.ParseExpression("apple_spend_share", V2Catalog.Profiles, Options).Rule!;
        var condition = Parse("purchases_electronics_90d > 5").Rule!;

        Assert.Equal(2L, count.ValueOf(profile, Clock, events));
        Assert.Equal(MetricType.Int, count.TypeOf(count.Syntax));
        Assert.Equal(0.5m, share.ValueOf(profile, Clock, events));
        Assert.Equal(false, condition.ValueOf(profile, Clock, events));
        Assert.Null(share.ValueOf(new Dictionary<string, object?> { ["spend_30d"] = null }, Clock, events));
    }
}
