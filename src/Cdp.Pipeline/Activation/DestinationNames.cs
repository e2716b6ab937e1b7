using System.Text.RegularExpressions;

namespace Cdp.Pipeline.Activation;

/// <summary>
/// What a destination's name may be: 1 to 64 letters, digits, '_', '-' and '.', beginning with a letter or a digit, so
/// that it is one path segment of the API (<c>/api/destinations/{name}</c>), a file name and a CSV cell as it is.
/// </summary>
public static partial class DestinationNames
{
    public static string? NameProblem(string? name) => name switch
    {
        null or "" => "a destination needs a `name`",
        { Length: > 64 } => $"a destination name has at most 64 characters, not {name.Length}",
        _ when !NamePattern().IsMatch(name) => "a destination name is letters, digits, '_', '-' and '.', beginning with a letter or a digit",
        _ => null,
    };

    /// <summary>Why an entry of <c>segments</c> cannot be a segment's name (null: it can; it need not exist yet).</summary>
    public static string? SegmentProblem(string? segment) =>
        string.IsNullOrWhiteSpace(segment) || segment.Length > 64 || segment.Any(char.IsControl) ? $"`segments`: `{segment}` is not a segment name" : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();
}
