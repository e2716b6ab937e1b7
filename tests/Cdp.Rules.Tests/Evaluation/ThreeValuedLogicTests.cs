namespace Cdp.Rules.Tests.Evaluation;

/// <summary>The null semantics of docs/rule-language.md, pinned on the reference evaluator and both LINQ forms.</summary>
public class ThreeValuedLogicTests
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    public sealed class Profile
    {
        public long Sessions7d { get; init; }
        public double? CartRate { get; init; }
        public decimal Spend30d { get; init; }
        public long? OrdersTotal { get; init; }
        public string? TopBrand30d { get; init; }
        public DateTime? LastPurchaseAt { get; init; }
        public bool IsBuyer { get; init; }
        public string[]? ViewedCategories30d { get; init; }
    }

    private static readonly MetricCatalog Catalog = new(
    [
        new("sessions_7d", MetricType.Int, ""),
        new("cart_rate", MetricType.Number, ""),
        new("spend_30d", MetricType.Money, ""),
        new("orders_total", MetricType.Int, ""),
        new("top_brand_30d", MetricType.Text, ""),
        new("last_purchase_at", MetricType.Timestamp, ""),
        new("is_buyer", MetricType.Bool, ""),
        new("viewed_categories_30d", MetricType.TextList, ""),
    ]);

    private static readonly Profile NoViews = new() { Sessions7d = 5, CartRate = null, Spend30d = 150m, TopBrand30d = null };

    [Theory]
    [InlineData("cart_rate >= 0.2", TruthValue.Unknown)]
    [InlineData("NOT (cart_rate >= 0.2)", TruthValue.Unknown)]
    [InlineData("cart_rate < 0.2 OR cart_rate IS NULL", TruthValue.True)]
    [InlineData("cart_rate IS NULL", TruthValue.True)]
    [InlineData("cart_rate IS NOT NULL", TruthValue.False)]
    [InlineData("FALSE AND cart_rate > 1", TruthValue.False)]
    [InlineData("TRUE OR cart_rate > 1", TruthValue.True)]
    [InlineData("TRUE AND cart_rate > 1", TruthValue.Unknown)]
    [InlineData("FALSE OR cart_rate > 1", TruthValue.Unknown)]
    [InlineData("sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)", TruthValue.True)]
    [InlineData("cart_rate + 1 > 0", TruthValue.Unknown)]
    [InlineData("cart_rate IN (0.2, 0.5)", TruthValue.Unknown)]
    [InlineData("cart_rate NOT IN (0.2, 0.5)", TruthValue.Unknown)]
    [InlineData("cart_rate BETWEEN 0 AND 1", TruthValue.Unknown)]
    [InlineData("cart_rate NOT BETWEEN 0 AND 1", TruthValue.Unknown)]
    [InlineData("top_brand_30d CONTAINS 'a'", TruthValue.Unknown)]
    [InlineData("top_brand_30d NOT CONTAINS 'a'", TruthValue.Unknown)]
    [InlineData("viewed_categories_30d HAS 'a'", TruthValue.Unknown)]
    [InlineData("viewed_categories_30d NOT HAS 'a'", TruthValue.Unknown)]
    [InlineData("coalesce(cart_rate, 0) = 0", TruthValue.True)]
    [InlineData("sessions_7d / 0 IS NULL", TruthValue.True)]
    [InlineData("spend_30d / 0 > 1", TruthValue.Unknown)]
    [InlineData("NOT (spend_30d / (sessions_7d - 5) > 1)", TruthValue.Unknown)]
    [InlineData("sessions_7d / 2 = 2.5", TruthValue.True)]
    [InlineData("spend_30d / 4 = 37.5", TruthValue.True)]
    [InlineData("last_purchase_at >= today() - 7d", TruthValue.Unknown)]
    [InlineData("days_since(last_purchase_at) IS NULL", TruthValue.True)]
    public void Null_semantics_are_the_same_everywhere(string text, TruthValue expected)
    {
        var rule = Rule.Parse(text, Catalog).Rule!;
        var row = new Dictionary<string, object?>
        {
            ["sessions_7d"] = NoViews.Sessions7d,
            ["cart_rate"] = NoViews.CartRate,
            ["spend_30d"] = NoViews.Spend30d,
            ["top_brand_30d"] = NoViews.TopBrand30d,
        };
        Assert.Equal(expected, rule.Evaluate(row, Clock));
        var selected = expected == TruthValue.True;
        Assert.Equal(selected, LinqTarget.Compile<Profile>(rule, Clock).GetOutputOrThrow()(NoViews));
        Assert.Equal(selected, LinqTarget.CompileRows(rule, Clock)(row));
    }

    [Theory]
    [InlineData("top_brand_30d < 'a'", "B", true)]
    [InlineData("top_brand_30d > 'Z'", "a", true)]
    [InlineData("top_brand_30d = 'apple'", "Apple", false)]
    [InlineData("top_brand_30d CONTAINS '%'", "100%", true)]
    [InlineData("top_brand_30d CONTAINS '_'", "ab", false)]
    [InlineData("top_brand_30d STARTS WITH '.*'", "apple", false)]
    [InlineData("top_brand_30d ENDS WITH 'PLE'", "apple", false)]
    [InlineData("lower(top_brand_30d) = 'munich'", "MUNICH", true)]
    [InlineData("lower(top_brand_30d) = 'münchen'", "MÜNCHEN", false)]
    [InlineData("lower(top_brand_30d) = 'mÜnchen'", "MÜNCHEN", true)]
    [InlineData("lower(top_brand_30d) = 'İstanbul'", "İSTANBUL", true)]
    [InlineData("top_brand_30d > '\uFF01'", "\U0001F600", true)]
    [InlineData("top_brand_30d < 'z'", "\uFF01", false)]
    public void Text_is_ordinal_case_sensitive_and_literal(string text, string brand, bool expected)
    {
        var rule = Rule.Parse(text, Catalog).Rule!;
        var row = new Dictionary<string, object?> { ["top_brand_30d"] = brand };
        Assert.Equal(expected, rule.Evaluate(row, Clock) == TruthValue.True);
        Assert.Equal(expected, LinqTarget.Compile<Profile>(rule, Clock).GetOutputOrThrow()(new Profile { TopBrand30d = brand }));
    }

    [Fact]
    public void Today_and_now_read_the_clock_passed_in()
    {
        var rule = Rule.Parse("last_purchase_at >= today() - 7d AND last_purchase_at < now()", Catalog).Rule!;
        var purchase = new DateTime(2019, 10, 24, 0, 0, 0, DateTimeKind.Utc);
        var row = new Dictionary<string, object?> { ["last_purchase_at"] = purchase };
        Assert.Equal(TruthValue.True, rule.Evaluate(row, RuleClock.AsOfDate(new DateOnly(2019, 10, 31))));
        Assert.Equal(TruthValue.False, rule.Evaluate(row, RuleClock.AsOfDate(new DateOnly(2019, 11, 1))));
        Assert.Equal(TruthValue.False, rule.Evaluate(row, RuleClock.AtInstant(purchase)));
    }

    [Fact]
    public void Integer_overflow_is_an_error_not_a_silent_wrap()
    {
        var rule = Rule.Parse("sessions_7d * 9223372036854775807 > 0", Catalog).Rule!;
        var row = new Dictionary<string, object?> { ["sessions_7d"] = 2L };
        Assert.Throws<OverflowException>(() => rule.Evaluate(row, Clock));
        Assert.Throws<OverflowException>(() => LinqTarget.CompileRows(rule, Clock)(row));
    }
}
