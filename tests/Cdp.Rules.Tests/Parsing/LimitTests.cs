namespace Cdp.Rules.Tests.Parsing;

/// <summary>Hostile sizes get a diagnostic, never a stack overflow or a crash.</summary>
public class LimitTests
{
    private static readonly RuleOptions Unbounded = new() { MaxLength = 1_000_000 };

    [Fact]
    public void Five_thousand_nested_parentheses_get_a_diagnostic()
    {
        var text = new string('(', 5000) + "sessions_7d > 3" + new string(')', 5000);
        Assert.Equal(DiagnosticCodes.TooLong, Assert.Single(Rule.Parse(text, ShopCatalog.Instance).Diagnostics).Code);
        var result = Rule.Parse(text, ShopCatalog.Instance, Unbounded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.TooDeep, diagnostic.Code);
        Assert.Equal("1:101: the rule nests more than 100 levels deep (parentheses, NOT or minus signs); simplify it", diagnostic.ToString());
    }

    [Fact]
    public void Five_thousand_nots_get_a_diagnostic()
    {
        var result = Rule.Parse(string.Concat(Enumerable.Repeat("NOT ", 5000)) + "is_buyer", ShopCatalog.Instance, Unbounded);
        Assert.Equal(DiagnosticCodes.TooDeep, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Five_thousand_minus_signs_get_a_diagnostic()
    {
        var result = Rule.Parse(string.Concat(Enumerable.Repeat("- ", 5000)) + "1 > 0", ShopCatalog.Instance, Unbounded);
        Assert.Equal(DiagnosticCodes.TooDeep, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_long_arithmetic_chain_is_refused_by_depth()
    {
        var result = Rule.Parse(string.Join(" + ", Enumerable.Repeat("views_7d", 500)) + " > 0", ShopCatalog.Instance);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.TooDeep, diagnostic.Code);
        Assert.StartsWith("1:1: the rule nests 501 levels deep; the limit is 100", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_flat_chain_of_conditions_is_fine()
    {
        var text = string.Join(" AND ", Enumerable.Range(0, 400).Select(i => $"views_7d != {i}"));
        var result = Rule.Parse(text, ShopCatalog.Instance);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var row = new Dictionary<string, object?> { ["views_7d"] = 1000L };
        Assert.Equal(TruthValue.True, result.Rule.Evaluate(row, RuleClock.AsOfDate(new DateOnly(2019, 10, 1))));
        Assert.True(LinqTarget.CompileRows(result.Rule, RuleClock.AsOfDate(new DateOnly(2019, 10, 1)))(row));
    }

    [Fact]
    public void A_rule_over_the_length_limit_is_refused()
    {
        var text = "views_7d > 1 OR " + string.Concat(Enumerable.Repeat("views_7d > 1 OR ", 700)) + "is_buyer";
        var diagnostic = Assert.Single(Rule.Parse(text, ShopCatalog.Instance).Diagnostics);
        Assert.Equal(DiagnosticCodes.TooLong, diagnostic.Code);
        Assert.Equal($"1:10001: the rule is {text.Length} characters long; the limit is 10000", diagnostic.ToString());
    }

    [Fact]
    public void Limits_are_configurable()
    {
        var options = new RuleOptions { MaxLength = 20, MaxDepth = 2 };
        Assert.Equal(DiagnosticCodes.TooLong, Assert.Single(Rule.Parse("sessions_7d > 3 AND is_buyer", ShopCatalog.Instance, options).Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.TooDeep, Assert.Single(Rule.Parse("(((is_buyer)))", ShopCatalog.Instance, options).Diagnostics).Code);
    }

    [Fact]
    public void A_limit_is_reached_only_past_it_and_the_excess_is_what_is_marked()
    {
        // Exactly at the limit is allowed; one past is refused, marking the characters past it (mutation run survivors).
        var rule = "sessions_7d > 3"; // 15 characters
        Assert.True(Rule.Parse(rule, ShopCatalog.Instance, new RuleOptions { MaxLength = 15 }).Succeeded);
        var tooLong = Assert.Single(Rule.Parse(rule + " ", ShopCatalog.Instance, new RuleOptions { MaxLength = 15 }).Diagnostics);
        Assert.Equal((15, 1), (tooLong.Span.Start, tooLong.Span.Length));
        Assert.True(Rule.Parse("((is_buyer))", ShopCatalog.Instance, new RuleOptions { MaxDepth = 2 }).Succeeded);
        Assert.Equal(DiagnosticCodes.TooDeep, Assert.Single(Rule.Parse("(((is_buyer)))", ShopCatalog.Instance, new RuleOptions { MaxDepth = 2 }).Diagnostics).Code);
    }

    [Fact]
    public void A_text_with_a_NUL_is_a_diagnostic_at_the_text()
    {
        var nul = Assert.Single(Rule.Parse("top_brand_30d = 'a\0b'", ShopCatalog.Instance).Diagnostics);
        Assert.Equal("text cannot hold the NUL character (U+0000)", nul.Message);
        Assert.Equal(16, nul.Span.Start);
    }

    [Theory]
    [InlineData("'")]
    [InlineData("\"")]
    [InlineData("(")]
    [InlineData(")")]
    [InlineData("--")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("2019-10-01T")]
    [InlineData("\0")]
    [InlineData("😀 > 1")]
    [InlineData("x IN (")]
    [InlineData("NOT NOT")]
    public void Garbage_gets_diagnostics_not_exceptions(string text)
    {
        var result = Rule.Parse(text, ShopCatalog.Instance);
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Diagnostics);
    }

    [Fact]
    public void Every_parse_names_its_catalog_the_package_has_no_metrics_of_its_own()
    {
        Assert.Throws<ArgumentNullException>(() => Rule.Parse("country = 'DE'", null!));
        Assert.Throws<ArgumentNullException>(() => Rule.ParseExpression("country", null!));
        var developers = Rule.Parse("country = 'DE'", DeveloperCatalog.Instance);
        Assert.True(developers.Succeeded);
        Assert.Equal("unknown metric `country`", Assert.Single(Rule.Parse("country = 'DE'", ShopCatalog.Instance).Diagnostics).Message[..24]);
    }
}
