using Cdp.Rules.Diagnostics;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Parsing;

/// <summary>
/// A pass over the characters before the grammar runs. It reports every lexical mistake at once
/// (unterminated text, operators from other languages, stray characters, literals out of range) and
/// refuses rules nested beyond the limit before any recursive descent can exhaust the stack.
/// </summary>
internal static class RuleScanner
{
    public static List<Diagnostic> Scan(SourceText source, RuleOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var text = source.Text;
        if (text.Length > options.MaxLength)
        {
            diagnostics.Add(source.Diagnostic(DiagnosticCodes.TooLong,
                $"the rule is {text.Length} characters long; the limit is {options.MaxLength}",
                new TextSpan(options.MaxLength, text.Length - options.MaxLength)));
            return diagnostics;
        }

        var parenDepth = 0;
        var prefixRun = 0;
        var reportedDepth = false;
        var unaryPosition = true;
        foreach (var token in RuleTokenizer.Tokenize(text))
        {
            var (start, i) = (token.Span.Start, token.Span.End);
            var c = text[start];
            var isPrefix = false;
            switch (token.Kind)
            {
                case RuleTokenKind.Comment:
                    continue;
                case RuleTokenKind.Text:
                    if (Lexeme.ScanText(text, start, out var value) < 0)
                    {
                        var (line, column) = source.Position(start);
                        diagnostics.Add(source.Diagnostic(DiagnosticCodes.UnterminatedText,
                            $"text started at line {line}, column {column} is never closed: end it with {c}",
                            token.Span) with { Found = "end of rule", Expected = c.ToString() });
                        return diagnostics;
                    }

                    if (value.Contains('\0', StringComparison.Ordinal))
                    {
                        // PostgreSQL text cannot hold U+0000 and DuckDB's C interface ends strings there: no backend could mean it.
                        diagnostics.Add(source.Diagnostic(DiagnosticCodes.InvalidLiteral,
                            "text cannot hold the NUL character (U+0000)", token.Span) with { Found = "NUL" });
                    }

                    break;
                case RuleTokenKind.Number:
                    Lexeme.ScanNumeric(text, start, out _, out _, out var error);
                    if (error is not null)
                    {
                        diagnostics.Add(source.Diagnostic(DiagnosticCodes.InvalidLiteral, error, token.Span));
                    }

                    break;
                case RuleTokenKind.Keyword or RuleTokenKind.Identifier:
                    isPrefix = string.Equals(text[start..i], "NOT", StringComparison.OrdinalIgnoreCase);
                    break;
                case RuleTokenKind.Punctuation:
                    parenDepth = c == '(' ? parenDepth + 1 : c == ')' ? Math.Max(0, parenDepth - 1) : parenDepth;
                    break;
                case RuleTokenKind.Operator:
                    isPrefix = c == '-' && unaryPosition;
                    break;
                case RuleTokenKind.Unknown when RuleTokenizer.Foreign(text, start) is { } written:
                    var word = RuleTokenizer.ForeignOperators[written];
                    diagnostics.Add(source.Diagnostic(DiagnosticCodes.ForeignOperator,
                        $"`{written}` is not an operator of this language: write {word}",
                        token.Span) with { Found = written, Expected = word, Suggestion = word });
                    break;
                default:
                    var character = text[start..i];
                    var hint = c == '.' ? ": a number starts with a digit, as in 0.5" : c is '`' or '[' ? ": metric names are written without quotes" : "";
                    var shown = c == '`' ? "backtick" : $"character `{character}`";
                    diagnostics.Add(source.Diagnostic(DiagnosticCodes.UnexpectedCharacter,
                        $"unexpected {shown}{hint}", token.Span) with { Found = character });
                    continue;
            }

            prefixRun = isPrefix ? prefixRun + 1 : 0;
            unaryPosition = isPrefix || c is '(' or ',' or '-' or '+' or '*' or '/' or '<' or '>' or '=' or '!'
                || (token.Kind == RuleTokenKind.Keyword && IsOperatorWord(text[start..i]));
            if (!reportedDepth && parenDepth + prefixRun > options.MaxDepth)
            {
                reportedDepth = true;
                diagnostics.Add(source.Diagnostic(DiagnosticCodes.TooDeep,
                    $"the rule nests more than {options.MaxDepth} levels deep (parentheses, NOT or minus signs); simplify it",
                    token.Span));
            }
        }

        return diagnostics;
    }

    private static bool IsOperatorWord(string word) =>
        Keywords.IsReserved(word) && !string.Equals(word, "NULL", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(word, "TRUE", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(word, "FALSE", StringComparison.OrdinalIgnoreCase);
}
