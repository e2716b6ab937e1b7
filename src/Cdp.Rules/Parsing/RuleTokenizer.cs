using Cdp.Rules.Syntax;

namespace Cdp.Rules.Parsing;

/// <summary>
/// The one tokenizer of the language: a rule's text as a list of tokens (kind and span), whitespace left out.
/// The scanner's lexical diagnostics, the quoting of the token a syntax error found, and the editor's
/// highlighting and completion context (through the API) all read this list; the Sprache grammar reads the
/// characters with the same lexeme functions. Every text gives a token list: mistakes are tokens too.
/// </summary>
public static class RuleTokenizer
{
    /// <summary>Operators of other languages a rule author may reach for: what they typed and what this language writes.</summary>
    internal static readonly IReadOnlyDictionary<string, string> ForeignOperators = new Dictionary<string, string>
    {
        ["&&"] = "AND",
        ["&"] = "AND",
        ["||"] = "OR",
        ["|"] = "OR",
        ["=="] = "=",
        ["!"] = "NOT",
    };

    /// <summary>The reserved words, upper case: none can name a metric.</summary>
    public static IReadOnlyList<string> ReservedWords => Keywords.All;

    /// <summary>The keywords as a rule writes them, phrases whole (<c>STARTS WITH</c>): what an editor offers.</summary>
    public static IReadOnlyList<string> KeywordPhrases { get; } =
        ["AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE", "CONTAINS", "STARTS WITH", "ENDS WITH", "HAS"];

    /// <summary>The comparison and arithmetic operators.</summary>
    public static IReadOnlyList<string> Operators { get; } = ["=", "!=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/"];

    /// <summary>The tokens of a text, in order.</summary>
    public static IReadOnlyList<RuleToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<RuleToken>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var token = At(text, i);
            tokens.Add(token);
            i = token.Span.End;
        }

        return tokens;
    }

    /// <summary>The token that starts at <paramref name="at"/> (a significant character, not whitespace).</summary>
    internal static RuleToken At(string text, int at)
    {
        var c = text[at];
        if (c == '-' && at + 1 < text.Length && text[at + 1] == '-')
        {
            var end = text.IndexOf('\n', at);
            return Token(RuleTokenKind.Comment, at, end < 0 ? text.Length : end);
        }

        if (c is '\'' or '"')
        {
            var end = Lexeme.ScanText(text, at, out _);
            return Token(RuleTokenKind.Text, at, end < 0 ? text.Length : end);
        }

        if (char.IsAsciiDigit(c))
        {
            return Token(RuleTokenKind.Number, at, Lexeme.ScanNumeric(text, at, out _, out _, out _));
        }

        if (Lexeme.IsIdentifierStart(c))
        {
            var end = Lexeme.ScanIdentifier(text, at);
            return Token(Keywords.IsReserved(text[at..end]) ? RuleTokenKind.Keyword : RuleTokenKind.Identifier, at, end);
        }

        if (Foreign(text, at) is { } foreign)
        {
            return Token(RuleTokenKind.Unknown, at, at + foreign.Length);
        }

        if (c is '(' or ')' or ',')
        {
            return Token(RuleTokenKind.Punctuation, at, at + 1);
        }

        if (c is '<' or '>' or '!' or '=')
        {
            var pair = at + 1 < text.Length && text.AsSpan(at, 2) is "<=" or ">=" or "<>" or "!=";
            return Token(RuleTokenKind.Operator, at, at + (pair ? 2 : 1));
        }

        if (c is '+' or '-' or '*' or '/' or '%')
        {
            return Token(RuleTokenKind.Operator, at, at + 1);
        }

        return Token(RuleTokenKind.Unknown, at, at + (char.IsSurrogatePair(text, at) ? 2 : 1));
    }

    /// <summary>The operator of another language written at <paramref name="at"/>, if any (<c>!=</c> is ours).</summary>
    internal static string? Foreign(string text, int at)
    {
        foreach (var length in new[] { 2, 1 })
        {
            if (at + length > text.Length)
            {
                continue;
            }

            var candidate = text.Substring(at, length);
            if (candidate == "!" && at + 1 < text.Length && text[at + 1] == '=')
            {
                continue;
            }

            if (ForeignOperators.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static RuleToken Token(RuleTokenKind kind, int start, int end) => new(kind, TextSpan.FromBounds(start, end));
}
