
namespace Cdp.Rules.Tests.Evaluation;

/// <summary>The reference evaluator and explain on a developer's own class, and rows that say what is wrong with them.</summary>
public class OwnTypeEvaluationTests
{
    private static readonly MetricCatalog Catalog = DeveloperCatalog.Instance;

    private static readonly RuleClock Clock = RuleClock.AtInstant(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));

    public sealed class Customer
    {
        public int LoginCount30d { get; init; }

        public decimal LifetimeValue { get; init; }

        public string? Country { get; init; }

        public bool IsVip { get; init; }

        public DateTime? LastOrderAt { get; init; }

        public double? ChurnScore { get; init; }
    }

    [Fact]
    public void Evaluate_and_explain_read_the_developers_type_as_linq_binds_it()
    {
        var rule = Rule.Parse("(lifetime_value > 100 AND country = 'DE') OR (is_vip AND coalesce(churn_score, 0) < 0.5 AND last_order_at >= now() - 30d)", Catalog).Rule!;
        var compiled = LinqTarget.Compile<Customer>(rule, Clock).GetOutputOrThrow();
        Customer[] customers =
        [
            new() { LifetimeValue = 100.01m, Country = "DE" },
            new() { LifetimeValue = 100m, Country = "DE" },
            new() { IsVip = true, ChurnScore = null, LastOrderAt = new DateTime(2024, 5, 20, 0, 0, 0, DateTimeKind.Utc) },
            new() { IsVip = true, ChurnScore = 0.7, LastOrderAt = new DateTime(2024, 5, 20, 0, 0, 0, DateTimeKind.Utc) },
            new() { IsVip = true },
        ];
        foreach (var customer in customers)
        {
            Assert.Equal(compiled(customer), rule.Evaluate(customer, Clock) == TruthValue.True);
        }

        var explained = rule.Explain(customers[2], Clock);
        Assert.Equal(TruthValue.True, explained.Value);
        Assert.Contains("coalesce(churn_score, 0) < 0.5", explained.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_names_no_metric_is_an_error_with_a_did_you_mean_not_a_silent_null()
    {
        var rule = Rule.Parse("lifetime_value > 100", Catalog).Rule!;
        var error = Assert.Throws<ArgumentException>(() => rule.Evaluate(new Dictionary<string, object?> { ["lifetime_valu"] = 500m }, Clock));
        Assert.Contains("`lifetime_valu`, which is no metric of the catalog; did you mean `lifetime_value`?", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => rule.Explain(new Dictionary<string, object?> { ["lifetime_valu"] = 500m }, Clock));
    }

    [Theory]
    [InlineData(100.0, false)]
    [InlineData(100.5, true)]
    [InlineData(100, false)]
    public void A_money_metric_takes_a_double_or_an_int_as_the_language_converts_them(object value, bool expected)
    {
        var rule = Rule.Parse("lifetime_value > 100", Catalog).Rule!;
        Assert.Equal(expected, rule.Evaluate(new Dictionary<string, object?> { ["lifetime_value"] = value }, Clock) == TruthValue.True);
    }

    [Fact]
    public void A_type_that_cannot_hold_a_metric_is_refused_naming_the_property()
    {
        var rule = Rule.Parse("country = 'DE'", Catalog).Rule!;
        var error = Assert.Throws<ArgumentException>(() => rule.Evaluate(new { Country = 5 }, Clock));
        Assert.Contains("cannot hold the text metric `country`", error.Message, StringComparison.Ordinal);
    }
}
