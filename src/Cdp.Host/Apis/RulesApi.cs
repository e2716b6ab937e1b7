using Cdp.Host.Rules;
using Cdp.Host.Services;
using Cdp.Rules;

namespace Cdp.Host.Apis;

/// <summary>
/// The rule language for the editor: the catalog (metrics with type and description, functions, keywords),
/// a check with every diagnostic, and the compiled text for each target.
/// </summary>
internal static class RulesApi
{
    public sealed record RuleRequest(string? Rule, string? Target, string? Table);

    public static void MapRulesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/catalog", Catalog).WithName("Catalog");
        api.MapPost("/rules/check", (RuleRequest request, ProfileWorkspace workspace) =>
            Results.Ok(DiagnosticJson.Shape(Rule.Parse(request.Rule ?? "", workspace.Catalog.Catalog)))).WithName("CheckRule");
        api.MapPost("/rules/compile", Compile).WithName("CompileRule");
    }

    private static IResult Catalog(ProfileWorkspace workspace) => Results.Ok(new
    {
        metrics = workspace.Catalog.Declarations.Select(d => new { name = d.Name, type = d.Type.ToDisplayName(), description = d.Description, unit = d.Unit, summary = d.Summary }),
        functions = new[]
        {
            new { name = "today", signature = "today()", description = "the as-of date" },
            new { name = "now", signature = "now()", description = "the as-of instant" },
            new { name = "coalesce", signature = "coalesce(a, b, ...)", description = "the first value that is not NULL" },
            new { name = "abs", signature = "abs(x)", description = "the absolute value" },
            new { name = "lower", signature = "lower(text)", description = "text with A-Z folded to a-z" },
            new { name = "days_since", signature = "days_since(timestamp)", description = "days from the UTC date of a time to today()" },
        },
        keywords = new[] { "AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE", "CONTAINS", "STARTS WITH", "ENDS WITH", "HAS" },
        operators = new[] { "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/" },
        targets = RuleCompilation.Targets,
    });

    private static IResult Compile(RuleRequest request, ProfileWorkspace workspace)
    {
        var target = request.Target ?? "duckdb";
        if (!RuleCompilation.Targets.Contains(target))
        {
            return ApiProblems.BadRequest($"unknown target `{target}`; the targets are {string.Join(", ", RuleCompilation.Targets)}");
        }

        var parsed = Rule.Parse(request.Rule ?? "", workspace.Catalog.Catalog);
        if (!parsed.Succeeded)
        {
            return ApiProblems.InvalidRule(parsed);
        }

        var clock = workspace.Snapshot.Clock;
        return Results.Ok(new { target, asOf = workspace.Snapshot.AsOf, text = RuleCompilation.Compile(parsed.Rule, target, clock, request.Table) });
    }
}
