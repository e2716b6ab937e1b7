using System.Globalization;

namespace Cdp.Rules.Cli;

/// <summary>
/// What <c>rules check</c> and <c>rules format</c> print, for the host's command line and the native <c>cdp-rules</c>
/// alike: <c>valid: CANONICAL</c> (or the canonical text alone for format), else one <c>line:column: message</c> a
/// mistake; with a file of rules, one result line each, numbered by the file's line. The exit code is 0 when every rule
/// is valid, 1 when one has mistakes.
/// </summary>
public static class RuleChecks
{
    public const int Valid = 0;
    public const int Invalid = 1;

    public static int Check(string text, IMetricCatalog catalog, TextWriter output)
    {
        var result = Rule.Parse(text, catalog);
        if (result.Succeeded)
        {
            output.WriteLine("valid: " + result.Rule.ToCanonicalString());
            return Valid;
        }

        WriteDiagnostics(result, output);
        return Invalid;
    }

    /// <summary>One rule a line (blank lines skipped): <c>N: valid: CANONICAL</c>, or <c>N:COLUMN: message</c> a mistake.</summary>
    public static int CheckLines(IReadOnlyList<string> lines, IMetricCatalog catalog, TextWriter output)
    {
        var invalid = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].TrimEnd('\r');
            if (text.Trim().Length == 0)
            {
                continue;
            }

            var result = Rule.Parse(text, catalog);
            if (result.Succeeded)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1}: valid: {result.Rule.ToCanonicalString()}"));
                continue;
            }

            invalid++;
            foreach (var diagnostic in result.Diagnostics)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1}:{diagnostic.Column}: {diagnostic.Message}"));
            }
        }

        return invalid == 0 ? Valid : Invalid;
    }

    public static int Format(string text, IMetricCatalog catalog, TextWriter output)
    {
        var result = Rule.Parse(text, catalog);
        if (!result.Succeeded)
        {
            WriteDiagnostics(result, output);
            return Invalid;
        }

        output.WriteLine(result.Rule.ToCanonicalString());
        return Valid;
    }

    public static void WriteDiagnostics(RuleParseResult result, TextWriter output)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }
    }
}
