namespace Cdp.Rules.Tests.Evaluation;

public class ExplainTests
{
    [Fact]
    public void Explain_shows_every_sub_rule_with_the_values_it_read()
    {
        var rule = Rule.Parse("sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)", ShopCatalog.Instance).Rule!;
        var profile = new Dictionary<string, object?> { ["sessions_7d"] = 5L, ["cart_rate"] = null, ["spend_30d"] = 150.00m };

        var explanation = rule.Explain(profile, RuleClock.AsOfDate(new DateOnly(2019, 10, 31)));

        Assert.Equal(TruthValue.True, explanation.Value);
        Assert.Equal(
            """
            TRUE    sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)
            ├─ TRUE    sessions_7d > 3   [sessions_7d = 5]
            └─ TRUE    cart_rate >= 0.2 OR spend_30d > 100
               ├─ UNKNOWN cart_rate >= 0.2   [cart_rate = NULL]
               └─ TRUE    spend_30d > 100   [spend_30d = 150.00]

            """.ReplaceLineEndings("\n"),
            explanation.ToString());
    }

    [Fact]
    public void Explain_shows_computed_operands_and_functions()
    {
        var rule = Rule.Parse("spend_30d / orders_30d > 50 AND NOT days_since(last_seen_at) > 7", ShopCatalog.Instance).Rule!;
        var profile = new Dictionary<string, object?>
        {
            ["spend_30d"] = 100m,
            ["orders_30d"] = 0L,
            ["last_seen_at"] = new DateTime(2019, 10, 30, 12, 0, 0, DateTimeKind.Utc),
        };

        var explanation = rule.Explain(profile, RuleClock.AsOfDate(new DateOnly(2019, 10, 31)));

        Assert.Equal(TruthValue.Unknown, explanation.Value);
        var division = explanation.Root.Children[0];
        Assert.Equal(TruthValue.Unknown, division.Value);
        Assert.Equal(
            ["spend_30d / orders_30d = NULL", "spend_30d = 100", "orders_30d = 0"],
            division.Operands.Select(o => $"{o.Expression} = {o.Value}"));
        var recency = explanation.Root.Children[1].Children[0];
        Assert.Equal(["days_since(last_seen_at) = 1", "last_seen_at = 2019-10-30T12:00:00Z"], recency.Operands.Select(o => $"{o.Expression} = {o.Value}"));
        Assert.Equal(TruthValue.True, explanation.Root.Children[1].Value);
    }
}
