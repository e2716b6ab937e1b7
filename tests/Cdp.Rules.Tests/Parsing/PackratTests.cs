using Cdp.Rules.Parsing;
using Sprache;

namespace Cdp.Rules.Tests.Parsing;

/// <summary>
/// The grammar's forward references: built once, answered once per position (the memo is what keeps the grammar linear
/// on rules such as <c>((((x))))</c>), and failing rather than looping on a rule that reaches itself without reading.
/// </summary>
public class PackratTests
{
    [Fact]
    public void A_reference_is_resolved_once_and_a_position_is_parsed_once()
    {
        var resolved = 0;
        var parsed = 0;
        Parser<char> letter = input =>
        {
            parsed++;
            return Parse.Letter(input);
        };
        var reference = Packrat.Ref(() =>
        {
            resolved++;
            return letter;
        });
        var input = new RuleInput("ab");

        var first = reference(input);
        var again = reference(input);
        reference(input.AdvanceBy(1));

        Assert.True(first.WasSuccessful);
        Assert.Same(first, again);
        Assert.Equal(1, resolved);
        Assert.Equal(2, parsed);
    }

    [Fact]
    public void A_rule_that_reaches_itself_at_the_same_position_fails_instead_of_looping()
    {
        Parser<char>? self = null;
        var reference = Packrat.Ref(() => self);
        self = input => reference(input);

        var result = reference(new RuleInput("a"));

        Assert.False(result.WasSuccessful);
        Assert.Contains("left recursion in the grammar", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_parsers_read_sprache_s_own_input_too()
    {
        var and = Tokens.Keyword("AND")(new Input("  and x"));
        var paren = Tokens.Symbol("(")(new Input("-- a note\n(x"));

        Assert.True(and.WasSuccessful && paren.WasSuccessful);
        Assert.Equal((5, 11), (and.Remainder.Position, paren.Remainder.Position));
        Assert.Equal(new Cdp.Rules.Syntax.TextSpan(2, 3), and.Value);
    }

    [Fact]
    public void A_reference_used_before_its_rule_is_built_says_so()
    {
        var reference = Packrat.Ref<char>(() => null);

        var error = Assert.Throws<InvalidOperationException>(() => reference(new RuleInput("a")));
        Assert.Contains("referenced before it was built", error.Message, StringComparison.Ordinal);
    }
}
