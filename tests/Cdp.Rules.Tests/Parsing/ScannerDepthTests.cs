using Cdp.Rules.Diagnostics;
using Cdp.Rules.Parsing;

namespace Cdp.Rules.Tests.Parsing;

/// <summary>
/// The scanner refuses a rule nested too deep before the grammar's recursion runs: it counts the open parentheses plus
/// the run of prefix operators (NOT, and a minus where a value is expected) at each token. A minus after a value is a
/// subtraction and does not count; after an operator, a comma, an open parenthesis or an operator word it is a sign.
/// Closing more parentheses than were opened never makes the count negative. (Mutation run 3 left the scanner's
/// bookkeeping of these cases alive: the grammar refuses the same rules later, with the same message.)
/// </summary>
public class ScannerDepthTests
{
    private static readonly RuleOptions Two = new() { MaxDepth = 2 };

    [Theory]
    [InlineData("x - - 1", false)] // a subtraction, then one sign
    [InlineData("x - - - 1", false)] // a subtraction, then two signs: the limit
    [InlineData("x - - - - 1", true)] // three signs
    [InlineData("(x) - - - 1", false)] // after `)` a minus subtracts
    [InlineData("- - 1", false)]
    [InlineData("- - - 1", true)] // at the start a minus is a sign
    [InlineData("x > - - 1", false)]
    [InlineData("x > - - - 1", true)] // after an operator
    [InlineData("f(1, - - 1)", true)] // after a comma (inside one parenthesis)
    [InlineData("x * - - - 1", true)]
    [InlineData("x + - - - 1", true)] // after each operator character
    [InlineData("x / - - - 1", true)]
    [InlineData("x < - - - 1", true)]
    [InlineData("x = - - - 1", true)]
    [InlineData("x != - - - 1", true)]
    [InlineData("(- - 1)", true)] // after an open parenthesis: one level, then two signs
    [InlineData("(x - - 1)", false)]
    [InlineData("x = 1 AND - - - 1 > 0", true)] // after an operator word
    [InlineData("x = TRUE - - - 1", false)] // TRUE, FALSE and NULL are values: the minus after them subtracts
    [InlineData("x = FALSE - - - 1", false)]
    [InlineData("x = NULL - - - 1", false)]
    [InlineData("NOT NOT x", false)]
    [InlineData("NOT NOT NOT x", true)]
    [InlineData("NOT (NOT x)", false)]
    [InlineData("NOT x AND NOT y AND NOT z", false)] // a run ends at the next value
    [InlineData("((x))", false)]
    [InlineData("(((x)))", true)]
    [InlineData(") ) ((x))", false)] // unmatched `)` do not lower the count below zero
    [InlineData(") ) (((x)))", true)]
    public void The_depth_counts_open_parentheses_and_the_run_of_prefixes(string text, bool tooDeep)
    {
        var diagnostics = RuleScanner.Scan(new SourceText(text), Two);
        Assert.Equal(tooDeep, diagnostics.Any(d => d.Code == DiagnosticCodes.TooDeep));
    }

    [Fact]
    public void The_token_past_the_limit_is_the_one_marked_and_only_once()
    {
        var diagnostics = RuleScanner.Scan(new SourceText("NOT NOT NOT NOT x"), Two);
        var tooDeep = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.TooDeep);
        Assert.Equal(8, tooDeep.Span.Start); // the third NOT
        Assert.Equal(3, tooDeep.Span.Length);
    }
}
