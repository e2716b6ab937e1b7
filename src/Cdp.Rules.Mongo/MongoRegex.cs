using System.Text;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Mongo;

/// <summary>
/// Literal text tests as regular expressions that mean the same in MongoDB's PCRE and in JavaScript:
/// every metacharacter escaped, <c>^</c> for the start, and <c>(?![\s\S])</c> for the very end (PCRE's
/// <c>$</c> also matches before a final line break, and JavaScript has no <c>\z</c>). A negated test
/// is a lookahead of its own (<see cref="Failing"/>), because drivers and stand-ins disagree on <c>$not</c>.
/// </summary>
internal static class MongoRegex
{
    private const string Metacharacters = "\\^$.|?*+()[]{}";

    public static string For(TextMatchKind kind, string text)
    {
        var escaped = Escape(text);
        return kind switch
        {
            TextMatchKind.StartsWith => "^" + escaped,
            TextMatchKind.EndsWith => escaped + "(?![\\s\\S])",
            _ => escaped,
        };
    }

    /// <summary>
    /// The regex of strings that do NOT pass the test: a lookahead at the start, so that it still matches
    /// only strings (null and missing never match) and no <c>$not</c> is needed.
    /// </summary>
    public static string Failing(TextMatchKind kind, string text)
    {
        var escaped = Escape(text);
        return kind switch
        {
            TextMatchKind.StartsWith => "^(?!" + escaped + ")",
            TextMatchKind.EndsWith => "^(?![\\s\\S]*" + escaped + "(?![\\s\\S]))",
            _ => "^(?![\\s\\S]*" + escaped + ")",
        };
    }

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (Metacharacters.Contains(c))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
