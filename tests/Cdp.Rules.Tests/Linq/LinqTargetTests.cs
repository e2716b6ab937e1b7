using System.Linq.Expressions;

namespace Cdp.Rules.Tests.Linq;

public class LinqTargetTests
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    public sealed class CardProfile
    {
        public long UserId { get; init; }
        public int Sessions7d { get; init; }
        public double? CartRate { get; init; }
        public decimal Spend30d { get; init; }
    }

    public sealed class Renamed
    {
        [Metric("sessions_7d")]
        public long Visits { get; init; }
    }

    public sealed class WrongType
    {
        public string? Sessions7d { get; init; }
    }

    [Fact]
    public void The_expression_runs_in_memory_and_through_IQueryable()
    {
        var rule = Rule.Parse("sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)", ShopCatalog.Instance).Rule!;
        var expression = LinqTarget.ToExpression<CardProfile>(rule, Clock).GetOutputOrThrow();
        CardProfile[] profiles =
        [
            new() { UserId = 1, Sessions7d = 5, CartRate = 0.25, Spend30d = 0m },
            new() { UserId = 2, Sessions7d = 5, CartRate = null, Spend30d = 100.01m },
            new() { UserId = 3, Sessions7d = 5, CartRate = null, Spend30d = 100m },
            new() { UserId = 4, Sessions7d = 3, CartRate = 0.9, Spend30d = 500m },
        ];

        Assert.Equal([1L, 2L], profiles.AsQueryable().Where(expression).Select(p => p.UserId).ToArray());
        Assert.Equal([1L, 2L], profiles.Where(expression.Compile()).Select(p => p.UserId).ToArray());
    }

    [Fact]
    public void Negation_does_not_select_nulls()
    {
        var rule = Rule.Parse("NOT (cart_rate >= 0.2)", ShopCatalog.Instance).Rule!;
        var member = LinqTarget.Compile<CardProfile>(rule, Clock).GetOutputOrThrow();
        Assert.False(member(new CardProfile { CartRate = null }));
        Assert.True(member(new CardProfile { CartRate = 0.1 }));
        Assert.False(member(new CardProfile { CartRate = 0.2 }));
    }

    [Fact]
    public void An_attribute_names_the_metric_of_a_property()
    {
        var rule = Rule.Parse("sessions_7d > 3", ShopCatalog.Instance).Rule!;
        var member = LinqTarget.Compile<Renamed>(rule, Clock).GetOutputOrThrow();
        Assert.True(member(new Renamed { Visits = 4 }));
    }

    [Fact]
    public void A_missing_property_is_a_diagnostic_at_the_metric()
    {
        var rule = Rule.Parse("is_buyer AND sessions_7d > 3", ShopCatalog.Instance).Rule!;
        var result = LinqTarget.Compile<Renamed>(rule, Clock);
        Assert.False(result.Succeeded);
        Assert.Equal(
            "1:1: the profile type `Renamed` has no property for metric `is_buyer` (name it `IsBuyer` or mark one [Metric(\"is_buyer\")])",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void A_property_of_the_wrong_type_is_a_diagnostic()
    {
        var rule = Rule.Parse("sessions_7d > 3", ShopCatalog.Instance).Rule!;
        var result = LinqTarget.ToExpression<WrongType>(rule, Clock);
        Assert.Equal(
            "1:1: property `WrongType.Sessions7d` is String, which cannot hold the int metric `sessions_7d`",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void The_card_rule_compiles_to_short_circuit_branches_without_lifted_negation()
    {
        var rule = Rule.Parse("NOT (cart_rate >= 0.2)", ShopCatalog.Instance).Rule!;
        var expression = LinqTarget.ToExpression<CardProfile>(rule, Clock).GetOutputOrThrow();
        var body = Assert.IsAssignableFrom<BinaryExpression>(expression.Body);
        Assert.Equal(ExpressionType.AndAlso, body.NodeType);
        Assert.Equal(typeof(bool), body.Type);
    }

    [Fact]
    public void Rows_with_missing_keys_read_as_null()
    {
        var rule = Rule.Parse("cart_rate IS NULL AND NOT is_buyer", ShopCatalog.Instance).Rule!;
        var member = LinqTarget.CompileRows(rule, Clock);
        Assert.False(member(new Dictionary<string, object?>()));
        Assert.True(member(new Dictionary<string, object?> { ["is_buyer"] = false }));
    }
}
