namespace Cdp.Rules.Syntax;

/// <summary>A range of characters in the rule text: <see cref="Start"/> is a zero-based offset.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The offset just past the last character of the span.</summary>
    public int End => Start + Length;

    /// <summary>The smallest span that covers both spans.</summary>
    public static TextSpan Cover(TextSpan first, TextSpan last)
    {
        var start = Math.Min(first.Start, last.Start);
        return new TextSpan(start, Math.Max(first.End, last.End) - start);
    }

    /// <summary>Creates the span from <paramref name="start"/> up to, not including, <paramref name="end"/>.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);
}
