using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.Parsing;

/// <summary>
/// Where each node of a parsed rule stands in its text: diagnostics, the editor's highlighting and the quick fixes all
/// cut the text by these spans. A node covers its children, and a chain of AND, OR or arithmetic runs from its first
/// operand to its last.
/// </summary>
public class SpanTests
{
    [Theory]
    [InlineData("a AND b AND c")]
    [InlineData("a OR b OR c OR d")]
    [InlineData("x + 1 - 2 * 3 > 0")]
    [InlineData("NOT (a AND b) OR c IN (1, 2) AND d BETWEEN 1 AND 2")]
    [InlineData("count(purchases WHERE brand = 'a' AND price > 1 IN LAST 30d) > 2")]
    public void A_rule_s_root_spans_the_whole_text_and_every_node_covers_its_children(string text)
    {
        var (syntax, diagnostics) = Rule.ParseSyntax(text);
        Assert.True(syntax is not null, string.Join("\n", diagnostics));
        Assert.Equal(new TextSpan(0, text.Length), syntax.Span);

        var pending = new Stack<RuleNode>([syntax]);
        while (pending.TryPop(out var node))
        {
            foreach (var child in SyntaxChildren.Of(node))
            {
                Assert.True(node.Span.Start <= child.Span.Start && child.Span.End <= node.Span.End,
                    $"`{Cut(text, child.Span)}` lies outside `{Cut(text, node.Span)}`");
                pending.Push(child);
            }
        }
    }

    [Fact]
    public void A_chain_s_span_ends_with_its_last_operand()
    {
        var (syntax, _) = Rule.ParseSyntax("is_buyer AND views_7d > 1 AND carts_7d > 2 -- note");
        var chain = Assert.IsType<LogicalNode>(syntax);

        Assert.Equal("is_buyer AND views_7d > 1 AND carts_7d > 2", Cut("is_buyer AND views_7d > 1 AND carts_7d > 2 -- note", chain.Span));
    }

    private static string Cut(string text, TextSpan span) => text.Substring(span.Start, span.Length);
}
