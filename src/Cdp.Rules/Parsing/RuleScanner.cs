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
    private static readonly Dictionary<string, string> ForeignOperators = new()
    {
        ["&&"] = "AND",
        ["&"] = "AND",
        ["||"] = "OR",
        ["|"] = "OR",
        ["=="] = "=",
        ["!"] = "NOT",
    };

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
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            var isPrefix = false;
            if (c is '\'' or '"')
            {
                i = Lexeme.ScanText(text, i, out var value);
                if (i < 0)
                {
                    var (line, column) = source.Position(start);
                    diagnostics.Add(source.Diagnostic(DiagnosticCodes.UnterminatedText,
                        $"text started at line {line}, column {column} is never closed: end it with {c}",
                        TextSpan.FromBounds(start, text.Length)) with { Found = "end of rule", Expected = c.ToString() });
                    return diagnostics;
                }

                var nul = value.IndexOf('\0', StringComparison.Ordinal);
                if (nul >= 0)
                {
                    // PostgreSQL text cannot hold U+0000 and DuckDB's C interface ends strings there: no backend could mean it.
                    diagnostics.Add(source.Diagnostic(DiagnosticCodes.InvalidLiteral,
                        "text cannot hold the NUL character (U+0000)", TextSpan.FromBounds(start, i)) with { Found = "NUL" });
                }
            }
            else if (char.IsAsciiDigit(c))
            {
                i = Lexeme.ScanNumeric(text, i, out _, out _, out var error);
                if (error is not null)
                {
                    diagnostics.Add(source.Diagnostic(DiagnosticCodes.InvalidLiteral, error, TextSpan.FromBounds(start, i)));
                }
            }
            else if (Lexeme.IsIdentifierStart(c))
            {
                i = Lexeme.ScanIdentifier(text, i);
                isPrefix = string.Equals(text[start..i], "NOT", StringComparison.OrdinalIgnoreCase);
            }
            else if (TryForeignOperator(text, i, out var written, out var word))
            {
                i += written.Length;
                diagnostics.Add(source.Diagnostic(DiagnosticCodes.ForeignOperator,
                    $"`{written}` is not an operator of this language: write {word}",
                    TextSpan.FromBounds(start, i)) with { Found = written, Expected = word, Suggestion = word });
            }
            else if (c == '(')
            {
                parenDepth++;
                i++;
            }
            else if (c == ')')
            {
                parenDepth = Math.Max(0, parenDepth - 1);
                i++;
            }
            else if ("<>!=".Contains(c))
            {
                i += i + 1 < text.Length && text[i + 1] is '=' or '>' && c is '<' or '>' or '!' ? 2 : 1;
            }
            else if (",+*/%".Contains(c))
            {
                i++;
            }
            else if (c == '-')
            {
                isPrefix = unaryPosition;
                i++;
            }
            else
            {
                i += char.IsSurrogatePair(text, i) ? 2 : 1;
                var character = text[start..i];
                var hint = c == '.' ? ": a number starts with a digit, as in 0.5" : c is '`' or '[' ? ": metric names are written without quotes" : "";
                var shown = c == '`' ? "backtick" : $"character `{character}`";
                diagnostics.Add(source.Diagnostic(DiagnosticCodes.UnexpectedCharacter,
                    $"unexpected {shown}{hint}", TextSpan.FromBounds(start, i)) with { Found = character });
                continue;
            }

            prefixRun = isPrefix ? prefixRun + 1 : 0;
            unaryPosition = isPrefix || c is '(' or ',' or '-' or '+' or '*' or '/' or '<' or '>' or '=' or '!'
                || (Lexeme.IsIdentifierStart(c) && IsOperatorWord(text[start..i]));
            if (!reportedDepth && parenDepth + prefixRun > options.MaxDepth)
            {
                reportedDepth = true;
                diagnostics.Add(source.Diagnostic(DiagnosticCodes.TooDeep,
                    $"the rule nests more than {options.MaxDepth} levels deep (parentheses, NOT or minus signs); simplify it",
                    TextSpan.FromBounds(start, i)));
            }
        }

        return diagnostics;
    }

    private static bool IsOperatorWord(string word) =>
        Keywords.IsReserved(word) && !string.Equals(word, "NULL", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(word, "TRUE", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(word, "FALSE", StringComparison.OrdinalIgnoreCase);

    private static bool TryForeignOperator(string text, int i, out string written, out string word)
    {
        foreach (var length in new[] { 2, 1 })
        {
            if (i + length > text.Length)
            {
                continue;
            }

            var candidate = text.Substring(i, length);
            if (candidate == "!" && i + 1 < text.Length && text[i + 1] == '=')
            {
                continue;
            }

            if (ForeignOperators.TryGetValue(candidate, out var found))
            {
                written = candidate;
                word = found;
                return true;
            }
        }

        written = word = "";
        return false;
    }
}
