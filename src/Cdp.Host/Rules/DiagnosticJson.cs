using System.Text.Json;
using Cdp.Rules;

namespace Cdp.Host.Rules;

/// <summary>The machine-readable form of a check: <c>{"valid":…,"canonical":…,"diagnostics":[…]}</c>.</summary>
internal static class DiagnosticJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Write(RuleParseResult result) => JsonSerializer.Serialize(Shape(result), Options);

    /// <summary>The check as an object, for the command line and the API alike.</summary>
    public static CheckResult Shape(RuleParseResult result) => new(
        result.Succeeded,
        result.Rule?.ToCanonicalString(),
        Shapes(result.Diagnostics));

    /// <summary>Diagnostics as the API and the command line write them.</summary>
    public static IReadOnlyList<DiagnosticShape> Shapes(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => new DiagnosticShape(d.Code, d.Message, d.Line, d.Column, d.Span.Start, d.Span.Length, d.Found, d.Expected, d.Suggestion))];
}

/// <summary>A rule check: valid, the canonical text, the diagnostics.</summary>
internal sealed record CheckResult(bool Valid, string? Canonical, IReadOnlyList<DiagnosticShape> Diagnostics);

/// <summary>One diagnostic: <c>start</c> and <c>length</c> are UTF-16 offsets into the rule text, as JavaScript counts.</summary>
internal sealed record DiagnosticShape(string Code, string Message, int Line, int Column, int Start, int Length, string? Found, string? Expected, string? Suggestion);
