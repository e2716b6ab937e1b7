using Cdp.Rules.Syntax;
using Cdp.Rules.Tests.LanguageV2;

namespace Cdp.Rules.Tests.Checking;

/// <summary>
/// A rule that checks has a type for every node of its tree: the compilers ask for the type of any node (a pattern's
/// literal, a list's item, an operand deep inside), so a construct the checker forgot to type would only fail later, on
/// one backend.
/// </summary>
public class NodeTypeTests
{
    [Theory]
    [InlineData("sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)")]
    [InlineData("top_brand_30d CONTAINS 'pp' OR top_brand_30d STARTS WITH 'a' OR top_brand_30d NOT ENDS WITH 'e'")]
    [InlineData("viewed_categories_30d HAS 'electronics' AND viewed_categories_30d NOT HAS 'x'")]
    [InlineData("sessions_7d IN (1, 2, 3) AND sessions_7d NOT BETWEEN 4 AND 5 AND top_brand_30d IS NOT NULL")]
    [InlineData("NOT is_buyer AND -sessions_7d < abs(coalesce(sessions_7d, 0)) AND lower(top_brand_30d) = 'apple'")]
    [InlineData("days_since(last_seen_at) <= 7 AND last_seen_at > now() - 30d AND first_seen_at >= today() - 1w")]
    public void Every_node_of_a_checked_v1_rule_has_a_type(string text) => AssertTyped(Rule.Parse(text, ShopCatalog.Instance));

    [Theory]
    [InlineData("count(purchases WHERE brand = 'apple' AND price > 10 IN LAST 30d) >= 2 AND in_segment('big_spenders')")]
    [InlineData("sum(price OF purchases SINCE today() - 7d) > 100 OR max(brand OF views) = 'x'")]
    public void Every_node_of_a_checked_v2_rule_has_a_type(string text) =>
        AssertTyped(Rule.Parse(text, V2Catalog.Profiles, V2Catalog.WithSegments));

    [Theory]
    [InlineData("top_brand_30d CONTAINS 'pp'", "'pp'")]
    [InlineData("viewed_categories_30d HAS 'electronics'", "'electronics'")]
    public void The_text_a_rule_looks_for_is_typed_text(string text, string literal)
    {
        var rule = Rule.Parse(text, ShopCatalog.Instance).Rule!;
        var node = Nodes(rule.Syntax).OfType<LiteralNode>().Single(n => text.Substring(n.Span.Start, n.Span.Length) == literal);

        Assert.Equal(MetricType.Text, rule.TypeOf(node));
    }

    private static void AssertTyped(RuleParseResult parsed)
    {
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        var rule = parsed.Rule!;
        Assert.Equal(MetricType.Bool, rule.TypeOf(rule.Syntax));
        foreach (var node in Nodes(rule.Syntax))
        {
            var type = Record.Exception(() => rule.TypeOf(node));
            Assert.True(type is null, $"`{rule.Text.Substring(node.Span.Start, node.Span.Length)}` ({node.GetType().Name}) has no type: {type?.Message}");
        }
    }

    private static IEnumerable<RuleNode> Nodes(RuleNode root)
    {
        var pending = new Stack<RuleNode>([root]);
        while (pending.TryPop(out var node))
        {
            yield return node;
            foreach (var child in SyntaxChildren.Of(node))
            {
                pending.Push(child);
            }
        }
    }
}
