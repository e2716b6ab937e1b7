using Cdp.Rules.Syntax;
using Cdp.Rules.Tests.LanguageV2;

namespace Cdp.Rules.Tests.Evaluation;

/// <summary>
/// The parts of <see cref="Rule"/> a host calls besides the targets: explain's text for a tree of any depth, the
/// refusal of a profile key that is no metric (with a did-you-mean when one is near), a derived column's key
/// accepted, the computed metrics in order of first use, the type of a node and of a node of another tree.
/// </summary>
public class RuleApiTests
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    [Fact]
    public void Explain_draws_every_branch_and_lists_operands_left_to_right()
    {
        var rule = Rule.Parse("(sessions_7d > 3 OR cart_rate * 100 < spend_30d) AND NOT sessions_7d < 2", ShopCatalog.Instance).Rule!;
        var profile = new Dictionary<string, object?> { ["sessions_7d"] = 1L, ["cart_rate"] = 0.5, ["spend_30d"] = 20.00m };

        var explanation = rule.Explain(profile, Clock);

        Assert.Equal(
            """
            FALSE   (sessions_7d > 3 OR cart_rate * 100 < spend_30d) AND NOT sessions_7d < 2
            ├─ FALSE   sessions_7d > 3 OR cart_rate * 100 < spend_30d
            │  ├─ FALSE   sessions_7d > 3   [sessions_7d = 1]
            │  └─ FALSE   cart_rate * 100 < spend_30d   [cart_rate * 100 = 50, spend_30d = 20.00, cart_rate = 0.5]
            └─ FALSE   NOT sessions_7d < 2
               └─ TRUE    sessions_7d < 2   [sessions_7d = 1]

            """.ReplaceLineEndings("\n"),
            explanation.ToString());
    }

    [Fact]
    public void The_operands_beneath_a_predicate_are_listed_in_the_order_they_are_written()
    {
        var rule = Rule.Parse("sessions_7d + orders_30d > spend_30d - cart_rate", ShopCatalog.Instance).Rule!;
        var profile = new Dictionary<string, object?> { ["sessions_7d"] = 1L, ["orders_30d"] = 2L, ["spend_30d"] = 20.00m, ["cart_rate"] = 0.5 };

        var operands = rule.Explain(profile, Clock).Root.Operands.Select(o => o.Expression);

        Assert.Equal(["sessions_7d + orders_30d", "spend_30d - cart_rate", "sessions_7d", "orders_30d", "spend_30d", "cart_rate"], operands);
    }

    [Fact]
    public void A_profile_key_that_is_no_metric_is_refused_with_the_nearest_name()
    {
        var rule = Rule.Parse("sessions_7d > 3", ShopCatalog.Instance).Rule!;

        var near = Assert.Throws<ArgumentException>(() => rule.Evaluate(new Dictionary<string, object?> { ["sessions_7"] = 1L }, Clock));
        var far = Assert.Throws<ArgumentException>(() => rule.Evaluate(new Dictionary<string, object?> { ["zzzzzzzz"] = 1L }, Clock));

        Assert.Equal("profile", near.ParamName);
        Assert.StartsWith("the profile has a value for `sessions_7`, which is no metric of the catalog; did you mean `sessions_7d`?", near.Message);
        Assert.StartsWith("the profile has a value for `zzzzzzzz`, which is no metric of the catalog (", far.Message);
    }

    [Fact]
    public void A_profile_may_hold_the_derived_column_of_an_aggregate_the_rule_reads()
    {
        var rule = Rule.Parse("count(purchases) > 1", V2Catalog.Profiles).Rule!;
        var column = Assert.Single(rule.Derived).Name;

        Assert.Equal(TruthValue.True, rule.Evaluate(new Dictionary<string, object?> { [column] = 2L }, [], Clock));
        Assert.Equal(TruthValue.False, rule.Evaluate(new Dictionary<string, object?> { [column] = 1L }, [], Clock));
    }

    [Fact]
    public void The_computed_metrics_are_listed_in_order_of_first_use()
    {
        ComputedMetric first = new("apple_spend_share", "sum(price of purchases where brand = 'apple') / spend_30d", "");
        ComputedMetric second = new("purchases_90d", "count(purchases IN LAST 90d)", "");
        var options = V2Catalog.WithSegments with { ComputedMetrics = [second, first] };

        var rule = Rule.Parse("apple_spend_share > 0.5 AND purchases_90d >= 2 AND apple_spend_share < 0.9", V2Catalog.Profiles, options).Rule!;
        var other = Rule.Parse("purchases_90d >= 2 OR apple_spend_share > 0.5", V2Catalog.Profiles, options).Rule!;

        Assert.Equal([first, second], rule.ComputedMetrics);
        Assert.Equal([second, first], other.ComputedMetrics);
    }

    [Fact]
    public void A_node_of_another_tree_has_no_type_unless_it_is_a_condition()
    {
        var rule = Rule.Parse("sessions_7d > 3", ShopCatalog.Instance).Rule!;
        var foreign = new MetricNode(new TextSpan(0, 11), "sessions_7d");

        var refused = Assert.Throws<ArgumentException>(() => rule.TypeOf(foreign));

        Assert.Equal("node", refused.ParamName);
        Assert.StartsWith("The node is not part of this rule's checked tree.", refused.Message);
        Assert.Equal(MetricType.Bool, rule.TypeOf(new NotNode(new TextSpan(0, 0), foreign)));
        Assert.Equal(MetricType.Int, rule.TypeOf(((ComparisonNode)rule.Syntax).Left));
    }

    [Fact]
    public void A_rule_without_aggregates_is_its_own_rule_with_derived_columns()
    {
        var rule = Rule.Parse("sessions_7d > 3", ShopCatalog.Instance).Rule!;

        Assert.Same(rule, rule.WithDerivedColumns());
        Assert.Empty(rule.MissingDerivedColumns());
    }

    [Fact]
    public void Try_parse_answers_whether_the_rule_checks_and_says_why_not()
    {
        Assert.True(Rule.TryParse("sessions_7d > 3", ShopCatalog.Instance, out var rule, out var none));
        Assert.NotNull(rule);
        Assert.Empty(none);

        Assert.False(Rule.TryParse("sessions_7 > 3", ShopCatalog.Instance, out var wrong, out var diagnostics));
        Assert.Null(wrong);
        Assert.Contains("sessions_7d", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_is_parsed_with_the_default_options_when_none_are_given()
    {
        var (syntax, diagnostics) = Rule.ParseSyntax("count(purchases IN LAST 7d) > 1 AND a = 'x'");

        Assert.Empty(diagnostics);
        Assert.Equal("COUNT(purchases IN LAST 7d) > 1 AND a = 'x'", syntax!.ToString());

        var (tooLong, refused) = Rule.ParseSyntax("a = 'x'", RuleOptions.Default with { MaxLength = 3 });
        Assert.Null(tooLong);
        Assert.NotEmpty(refused);
    }

    [Fact]
    public void A_result_without_output_throws_with_its_diagnostics()
    {
        var diagnostic = new Diagnostic("CDP0001", "first problem", new TextSpan(0, 1), 1, 1);
        var result = new TargetResult<string>(null, [diagnostic, diagnostic]);

        var thrown = Assert.Throws<InvalidOperationException>(() => result.GetOutputOrThrow());

        Assert.Equal($"The rule could not be compiled: {diagnostic}; {diagnostic}", thrown.Message);
        Assert.False(result.Succeeded);
        Assert.Equal("x", new TargetResult<string>("x", []).GetOutputOrThrow());
    }
}
