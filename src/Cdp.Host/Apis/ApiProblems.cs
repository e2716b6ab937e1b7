using Cdp.Host.Rules;
using Cdp.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>The API's answers for mistakes: ProblemDetails that say what and where.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string? detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, extensions: extensions);

    /// <summary>A rule with mistakes: 422 with every diagnostic (line, column, span, suggestion).</summary>
    public static ProblemHttpResult InvalidRule(RuleParseResult result) => TypedResults.Problem(
        $"the rule has {result.Diagnostics.Count} mistake(s): {string.Join("; ", result.Diagnostics)}",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "The rule has mistakes",
        extensions: new Dictionary<string, object?> { ["diagnostics"] = DiagnosticJson.Shape(result).Diagnostics });
}
