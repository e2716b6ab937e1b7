using Cdp.Rules.Diagnostics;

namespace Cdp.Rules;

/// <summary>The did-you-mean of the rule diagnostics, for tools around the language (a command line, an editor).</summary>
public static class NameSuggestions
{
    /// <summary>The candidate closest to a misspelt name (ignoring case, a transposition counting as one edit), or null when none is close.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        return EditDistance.Closest(name, candidates);
    }
}
