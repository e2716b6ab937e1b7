namespace Cdp.Rules.Tests.LanguageV2;

/// <summary>
/// The reference evaluator on events, against the contract's edges: the window's bounds, NULL fields, duplicate rows,
/// zero prices, large sums, and each function's value when nothing matches.
/// </summary>
public class AggregateEvaluationTests
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31)); // now() = 2019-11-01 00:00Z
    private static readonly DateTime Now = new(2019, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, object?> NoMetrics = [];

    private static RuleEvent Event(DateTime time, string type = "purchase", decimal price = 10m, string? brand = "apple", string? session = "s1", string? category = "electronics.smartphone", long product = 1) =>
        new(time, type, product, 7, category, brand, price, session);

    /// <summary>Asserts that a condition on aggregates is TRUE over the events (the reference's value, read through the language itself).</summary>
    private static void True(string condition, params RuleEvent[] events) => Assert.Equal(TruthValue.True, Evaluate(condition, events));

    private static TruthValue Evaluate(string text, params RuleEvent[] events) => V2Catalog.Parse(text).Evaluate(NoMetrics, events, Clock);

    [Fact]
    public void The_window_includes_its_start_and_excludes_now_and_after()
    {
        var atStart = Event(Now.AddDays(-30));
        var beforeStart = Event(Now.AddDays(-30).AddTicks(-10));
        var atNow = Event(Now);
        var after = Event(Now.AddDays(2));
        var inside = Event(Now.AddSeconds(-1));

        Assert.Equal(TruthValue.True, Evaluate("count(purchases in last 30d) = 2", atStart, beforeStart, atNow, after, inside));
        Assert.Equal(TruthValue.True, Evaluate("count(purchases) = 3", atStart, beforeStart, atNow, after, inside)); // all history before now()
        Assert.Equal(TruthValue.True, Evaluate("count(purchases since 2019-10-02) = 2", atStart, beforeStart, atNow, inside)); // a date is its 00:00Z
        Assert.Equal(TruthValue.True, Evaluate("count(purchases since now() - 30d) = 2", atStart, beforeStart, inside));
    }

    [Fact]
    public void A_null_field_never_matches_a_where_and_counts_in_no_distinct()
    {
        var noBrand = Event(Now.AddDays(-1), brand: null, session: null);
        var apple = Event(Now.AddDays(-2));

        True("count(purchases where brand != 'samsung') = 1", noBrand, apple);
        True("count(purchases where brand is null) = 1", noBrand, apple);
        True("count(distinct user_session of events) = 1", noBrand, apple);
        True("count(distinct brand of purchases) = 1", noBrand, apple, apple);
    }

    [Fact]
    public void Duplicate_rows_count_as_often_as_they_stand_and_zero_prices_count()
    {
        var row = Event(Now.AddDays(-3), price: 0m);

        True("count(purchases) = 3", row, row, row);
        True("sum(price of purchases) = 0 AND sum(price of purchases) IS NOT NULL", row, row);
        True("min(price of purchases) = 0", row, Event(Now.AddDays(-1), price: 5m));
    }

    [Fact]
    public void Each_function_has_the_contracts_value_when_nothing_matches()
    {
        var view = Event(Now.AddDays(-1), type: "view");

        True("count(purchases) = 0", view);
        True("count(distinct brand of purchases) = 0", view);
        True("sum(price of purchases) = 0", view);
        True("sum(product_id of purchases) = 0", view);
        True("avg(price of purchases) IS NULL", view);
        True("min(brand of purchases) IS NULL", view);
        True("max(price of purchases) IS NULL", view);
        True("first(purchases) IS NULL", view);
        True("last(purchases) IS NULL", view);
    }

    [Fact]
    public void Sums_are_exact_past_two_to_the_53_cents_and_averages_divide_money_before_converting()
    {
        var big = Event(Now.AddDays(-1), price: 99_999_999_999_999.99m);

        True("sum(price of purchases) = 199999999999999.98 AND sum(price of purchases) != 199999999999999.97", big, big);
        True("avg(price of purchases) BETWEEN 3.333333333333 AND 3.333333333334", Event(Now.AddDays(-1), price: 10m), Event(Now.AddDays(-1), price: 0m), Event(Now.AddDays(-1), price: 0m));
    }

    [Fact]
    public void Min_and_max_order_texts_ordinally_and_first_and_last_are_times()
    {
        var a = Event(Now.AddDays(-5), type: "view", brand: "Zeta");
        var b = Event(Now.AddDays(-2), type: "view", brand: "apple");

        True("min(brand of views) = 'Zeta'", a, b); // 'Z' (U+005A) before 'a' (U+0061)
        True("max(brand of views) = 'apple'", a, b);
        True("first(views) = 2019-10-27T00:00:00Z", b, a);
        True("last(events) = 2019-10-30T00:00:00Z", a, b);
    }

    [Fact]
    public void A_profile_that_holds_the_derived_column_is_read_without_events_and_one_that_holds_neither_is_refused()
    {
        var rule = V2Catalog.Parse("count(purchases in last 30d) >= 2 AND in_segment('big_spenders')");
        var count = rule.Aggregates.Single().Name;
        var member = rule.SegmentReferences.Single().Name;

        Assert.Equal(TruthValue.True, rule.Evaluate(new Dictionary<string, object?> { [count] = 2L, [member] = true }, Clock));
        Assert.Equal(TruthValue.False, rule.Evaluate(new Dictionary<string, object?> { [count] = 2L }, [], Clock)); // no column: not a member, never UNKNOWN
        var refused = Assert.Throws<ArgumentException>(() => rule.Evaluate(new Dictionary<string, object?> { [member] = true }, Clock));
        Assert.Contains("COUNT(purchases IN LAST 30d)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_each_aggregates_value()
    {
        var rule = V2Catalog.Parse("sum(price of purchases where brand = 'apple' in last 90d) > 500");

        var explanation = rule.Explain(NoMetrics, [Event(Now.AddDays(-10), price: 300m), Event(Now.AddDays(-20), price: 250m), Event(Now.AddDays(-1), brand: "x", price: 999m)], Clock);

        Assert.Equal(TruthValue.True, explanation.Value);
        var operand = Assert.Single(explanation.Root.Operands);
        Assert.Equal("SUM(price OF purchases WHERE brand = 'apple' IN LAST 90d)", operand.Expression);
        Assert.Contains("550", operand.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_events_behind_an_aggregate_are_those_it_counts()
    {
        var inside = Event(Now.AddDays(-2));
        var samsung = Event(Now.AddDays(-3), brand: "samsung");
        var view = Event(Now.AddDays(-4), type: "view");
        var old = Event(Now.AddDays(-40));
        var future = Event(Now.AddDays(1));
        var rule = V2Catalog.Parse("count(purchases WHERE brand = 'apple' IN LAST 30d) >= 1 AND spend_30d > 0");
        var count = rule.DerivedNodes().Single();

        var matching = rule.MatchingEvents(count, [inside, samsung, view, old, future], Clock);

        Assert.Equal([inside], matching);
        Assert.Throws<ArgumentException>(() => rule.MatchingEvents(rule.Syntax, [inside], Clock));
    }
}
