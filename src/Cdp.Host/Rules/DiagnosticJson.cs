using System.Text.Json;
using Cdp.Rules;

namespace Cdp.Host.Rules;

/// <summary>The machine-readable form of a check: <c>{"valid":…,"canonical":…,"diagnostics":[…]}</c>.</summary>
internal static class DiagnosticJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Write(RuleParseResult result) => JsonSerializer.Serialize(new
    {
        valid = result.Succeeded,
        canonical = result.Rule?.ToCanonicalString(),
        diagnostics = result.Diagnostics.Select(d => new
        {
            code = d.Code,
            message = d.Message,
            line = d.Line,
            column = d.Column,
            start = d.Span.Start,
            length = d.Span.Length,
            found = d.Found,
            expected = d.Expected,
            suggestion = d.Suggestion,
        }),
    }, Options);
}
