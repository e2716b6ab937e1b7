using Cdp.Host.Rules;
using Cdp.Rules;

namespace Cdp.Host.Apis;

/// <summary>The API's answers for mistakes: ProblemDetails that say what and where.</summary>
internal static class ApiProblems
{
    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>A rule with mistakes: 422 with every diagnostic (line, column, span, suggestion).</summary>
    public static IResult InvalidRule(RuleParseResult result) => Results.Problem(
        $"the rule has {result.Diagnostics.Count} mistake(s): {string.Join("; ", result.Diagnostics)}",
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "The rule has mistakes",
        extensions: new Dictionary<string, object?> { ["diagnostics"] = DiagnosticJson.Shape(result).Diagnostics });
}
