using Cdp.Rules.Diagnostics;
using Cdp.Rules.Parsing;

namespace Cdp.Rules.Tests.Parsing;

/// <summary>
/// How a syntax error names what could come next: in the language's own order (operands, punctuation, the keywords in
/// the order a rule uses them, AND and OR last), whatever order the grammar's alternatives gave them in, and with
/// anything the order does not know after it. The grammar happens to list most expectations in order already, so the
/// order is pinned here on the message builder itself.
/// </summary>
public class SyntaxMessageTests
{
    private static readonly string[] LanguageOrder =
    [
        "a text in quotes", "`(`", "`)`", "`,`", "`-`", "NOT", "IN", "BETWEEN", "IS", "NULL",
        "CONTAINS", "STARTS", "ENDS", "WITH", "HAS", "AND", "OR",
    ];

    [Fact]
    public void Expectations_are_named_in_the_language_s_order_whatever_order_they_came_in()
    {
        var message = Expecting(LanguageOrder.Reverse());

        Assert.Equal("expected " + RuleParser.JoinAlternatives(LanguageOrder), message);
    }

    [Fact]
    public void Each_pair_of_neighbours_keeps_its_order()
    {
        for (var i = 0; i + 1 < LanguageOrder.Length; i++)
        {
            Assert.Equal($"expected {LanguageOrder[i]} or {LanguageOrder[i + 1]}", Expecting([LanguageOrder[i + 1], LanguageOrder[i]]));
        }
    }

    [Fact]
    public void An_expectation_the_order_does_not_know_comes_after_the_ones_it_knows()
    {
        Assert.Equal("expected `(`, OR or an event kind", Expecting(["an event kind", "OR", "`(`"]));
        Assert.Equal("expected `(` or an event kind", Expecting(["an event kind", "`(`"]));
    }

    [Fact]
    public void Every_start_of_an_operand_is_named_as_three_kinds()
    {
        Assert.Equal("expected a metric name, a value or `(`", Expecting(["NOT", "`-`", "a value", "`(`", "a metric name", "TRUE"]));
        Assert.Equal("expected a value", Expecting(["`-`", "a value"]));
        Assert.Equal("expected a metric name", Expecting(["a metric name"]));
        Assert.Equal("expected a metric name or `(`", Expecting(["`(`", "a metric name"]));
    }

    [Fact]
    public void Nothing_expected_is_said_plainly()
    {
        Assert.Equal("something else", RuleParser.JoinAlternatives([]));
        Assert.Equal("expected something else", Expecting([]));
    }

    [Fact]
    public void A_rule_exactly_at_the_depth_limit_parses_and_one_level_more_does_not()
    {
        const string text = "sessions_7d + 1 + 2 + 3 > 0";
        var (syntax, _) = Rule.ParseSyntax(text);
        var depth = SyntaxDepth.Of(syntax!);

        Assert.Empty(Parsed(text, depth));
        var refused = Assert.Single(Parsed(text, depth - 1));
        Assert.Equal(DiagnosticCodes.TooDeep, refused.Code);
        Assert.Equal($"the rule nests {depth} levels deep; the limit is {depth - 1}: split long chains of arithmetic", refused.Message);
    }

    private static List<Diagnostic> Parsed(string text, int maxDepth)
    {
        var diagnostics = new List<Diagnostic>();
        RuleParser.Parse(new SourceText(text), new RuleOptions { MaxDepth = maxDepth }, diagnostics);
        return diagnostics;
    }

    private static string Expecting(IEnumerable<string> expectations)
    {
        const string text = "x y";
        var message = RuleParser.SyntaxError(new SourceText(text), 2, expectations).Message;
        const string prefix = "unexpected `y`; ";
        Assert.StartsWith(prefix, message, StringComparison.Ordinal);
        return message[prefix.Length..];
    }
}
