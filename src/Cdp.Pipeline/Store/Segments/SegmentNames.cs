using System.Globalization;
using System.Text.RegularExpressions;

namespace Cdp.Pipeline.Store.Segments;

/// <summary>
/// What a segment's name and description may hold. A name is 1 to 64 letters, digits, spaces, '_', '-' and '.',
/// beginning with a letter or a digit and not ending in a space or a dot: every such name is one path segment
/// of a URL, a file name and a CSV cell without escaping surprises, so every accepted name stays reachable
/// (no '/', no "." or "..", no markup, no control or bidi characters that make a name read as another).
/// A description is at most 1,000 characters with no control or bidi characters.
/// </summary>
public static partial class SegmentNames
{
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 1000;

    /// <summary>Why a name will not do, or null when it will.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a segment needs a name";
        }

        if (name.Length > MaxNameLength)
        {
            return $"a segment name has at most {MaxNameLength} characters, not {name.Length}";
        }

        if (Disallowed(name) is { } c)
        {
            return $"a segment name may not hold {Describe(c)}: use letters, digits, spaces, '_', '-' and '.'";
        }

        if (Reserved.Contains(name))
        {
            return $"`{name}` names a page of the segments API (/api/segments/{name}): choose another name";
        }

        return NamePattern().IsMatch(name) ? null : "a segment name begins with a letter or a digit and does not end in a space or a dot";
    }

    /// <summary>Names the API's own paths under /api/segments/ take, which a segment could not be reached by.</summary>
    private static readonly HashSet<string> Reserved = new(["archived", "preview", "spark-sql", "new"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Why a description will not do, or null when it will.</summary>
    public static string? DescriptionProblem(string? description)
    {
        if (description is null)
        {
            return null;
        }

        if (description.Length > MaxDescriptionLength)
        {
            return $"a description has at most {MaxDescriptionLength} characters, not {description.Length}";
        }

        var at = description.AsSpan().IndexOfAny(Forbidden);
        return at >= 0 ? $"a description may not hold {Describe(description[at])}" : null;
    }

    /// <summary>Control characters (C0, DEL, C1) and the bidi controls.</summary>
    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (char)i), .. Enumerable.Range(0x7F, 0x21).Select(i => (char)i), '\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);

    private static char? Disallowed(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '_' or '-' or '.') || IsBidiControl(c))
            {
                return c;
            }
        }

        return null;
    }

    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Describe(char c) => char.IsControl(c) || IsBidiControl(c) || char.IsWhiteSpace(c)
        ? string.Create(CultureInfo.InvariantCulture, $"the character U+{(int)c:X4}")
        : $"`{c}`";

    [GeneratedRegex(@"^[\p{L}\p{Nd}]([\p{L}\p{Nd} _.\-]*[\p{L}\p{Nd}_\-])?$")]
    private static partial Regex NamePattern();
}
