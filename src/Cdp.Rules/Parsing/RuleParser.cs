using Cdp.Rules.Diagnostics;
using Cdp.Rules.Syntax;
using Sprache;

namespace Cdp.Rules.Parsing;

/// <summary>Text to syntax tree, or diagnostics: the scanner's lexical ones, else the grammar's first syntax error.</summary>
internal static class RuleParser
{
    private static readonly string[] ExpectationOrder =
    [
        "a metric name", "a value", "a text in quotes", "`(`", "`)`", "`,`", "`-`", "NOT", "IN", "BETWEEN", "IS", "NULL",
        "CONTAINS", "STARTS", "ENDS", "WITH", "HAS", "AND", "OR",
    ];

    public static RuleNode? Parse(SourceText source, RuleOptions options, List<Diagnostic> diagnostics)
    {
        var lexical = RuleScanner.Scan(source, options);
        if (lexical.Count > 0)
        {
            diagnostics.AddRange(lexical);
            return null;
        }

        var result = RuleGrammar.Rule(new RuleInput(source.Text));
        if (!result.WasSuccessful)
        {
            diagnostics.Add(SyntaxError(source, result.Remainder.Position, result.Expectations));
            return null;
        }

        var depth = SyntaxDepth.Of(result.Value);
        if (depth > options.MaxDepth)
        {
            diagnostics.Add(source.Diagnostic(DiagnosticCodes.TooDeep,
                $"the rule nests {depth} levels deep; the limit is {options.MaxDepth}: split long chains of arithmetic",
                result.Value.Span));
            return null;
        }

        return result.Value;
    }

    internal static Diagnostic SyntaxError(SourceText source, int position, IEnumerable<string> expectations)
    {
        var input = Tokens.SkipTrivia(new RuleInput(source.Text, position));
        var span = TokenAt(source.Text, input.Position);
        var found = span.Length == 0 ? "end of rule" : $"`{source.Slice(span)}`";
        var expected = expectations.Distinct().ToList();
        string expectedText;
        if (expected.SequenceEqual(["the end of the rule"]))
        {
            expectedText = source.Text[span.Start] == ')'
                ? "the end of the rule, as no `(` is open"
                : "an operator such as AND, OR, = or >, or the end of the rule";
        }
        else
        {
            expected.Sort((a, b) => Rank(a).CompareTo(Rank(b)));
            if (expected.Contains("a metric name") && expected.Contains("a value"))
            {
                // Every way to start an operand: name the three kinds rather than every literal keyword.
                expected = ["a metric name", "a value", "`(`"];
            }
            else if (expected.Contains("a value"))
            {
                expected = ["a value"];
            }

            expectedText = JoinAlternatives(expected);
        }

        var message = $"unexpected {found}; expected {expectedText}";
        return source.Diagnostic(DiagnosticCodes.Syntax, message, span) with { Found = found, Expected = expectedText };
    }

    private static int Rank(string expectation)
    {
        var index = Array.IndexOf(ExpectationOrder, expectation);
        return index < 0 ? ExpectationOrder.Length : index;
    }

    internal static string JoinAlternatives(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "something else",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };

    /// <summary>The span of the token that starts at <paramref name="at"/>, for quoting it in a message.</summary>
    private static TextSpan TokenAt(string text, int at) =>
        at >= text.Length ? new TextSpan(text.Length, 0) : RuleTokenizer.At(text, at).Span;
}
