namespace Cdp.Rules.Parsing;

/// <summary>The reserved words of the language; none can be a metric name.</summary>
internal static class Keywords
{
    public static IReadOnlyList<string> All { get; } =
        ["AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE", "CONTAINS", "STARTS", "ENDS", "WITH", "HAS"];

    private static readonly HashSet<string> Reserved = new(All, StringComparer.OrdinalIgnoreCase);

    public static bool IsReserved(string word) => Reserved.Contains(word);
}
