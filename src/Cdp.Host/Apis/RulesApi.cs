using Cdp.Host.Rules;
using Cdp.Host.Services;
using Cdp.Rules;
using Cdp.Rules.Checking;
using Cdp.Rules.Parsing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// The rule language for the editor: the catalog (metrics with type and description, functions, keywords),
/// a check with every diagnostic, and the compiled text for each target.
/// </summary>
internal static class RulesApi
{
    public sealed record RuleRequest(string? Rule, string? Target, string? Table);

    /// <summary>A metric as the editor offers it; <c>summary</c> marks the profile list's columns.</summary>
    public sealed record CatalogMetric(string Name, string Type, string Description, string? Unit, bool Summary, string? Expression = null);

    public sealed record CatalogFunction(string Name, string Signature, string Description);

    /// <summary>What the editor completes and highlights: metrics, functions, keywords, operators; and the compile targets.</summary>
    public sealed record CatalogDto(IReadOnlyList<CatalogMetric> Metrics, IReadOnlyList<CatalogFunction> Functions, IReadOnlyList<string> Keywords,
        IReadOnlyList<string> Operators, IReadOnlyList<string> Targets, IReadOnlyList<string> EventKinds, IReadOnlyList<CatalogMetric> EventFields,
        IReadOnlyList<string> Segments, IReadOnlyDictionary<string, IReadOnlyList<string>> Values);

    public sealed record CompiledRuleDto(string Target, DateOnly? AsOf, string? Text);

    /// <summary>A token as the editor reads it: its kind (camelCase) and UTF-16 span.</summary>
    public sealed record TokenDto(RuleTokenKind Kind, int Start, int Length);

    /// <summary>The tokens of a rule's text, from the language's one tokenizer: the editor highlights and completes from them.</summary>
    public sealed record TokensDto(IReadOnlyList<TokenDto> Tokens);

    public static void MapRulesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/catalog", Catalog).WithName("Catalog");
        api.MapPost("/rules/check", (RuleRequest request, ProfileWorkspace workspace) =>
            TypedResults.Ok(DiagnosticJson.Shape(Rule.Parse(request.Rule ?? "", workspace.Catalog.Catalog, workspace.RuleOptions())))).WithName("CheckRule");
        api.MapPost("/rules/compile", Compile).WithName("CompileRule");
        api.MapPost("/rules/tokens", (RuleRequest request) => TypedResults.Ok(new TokensDto(
            [.. RuleTokenizer.Tokenize(request.Rule ?? "").Select(t => new TokenDto(t.Kind, t.Span.Start, t.Span.Length))]))).WithName("RuleTokens");
    }

    private static Ok<CatalogDto> Catalog(ProfileWorkspace workspace) => TypedResults.Ok(new CatalogDto(
        [
            .. workspace.Catalog.Declarations.Select(d => new CatalogMetric(d.Name, d.Type.ToDisplayName(), d.Description, d.Unit, d.Summary)),
            .. ComputedMetrics(workspace).Select(m => new CatalogMetric(m.Name, m.Type.ToDisplayName(), m.Description, null, false, m.Expression)),
        ],
        [
            .. Functions.Signatures.Select(f => new CatalogFunction(f.Name, f.Signature, f.Description)),
            new("in_segment", "in_segment('name')", "a member of that saved segment as of the same day"),
            new("count", "count(kind [WHERE ...] [IN LAST 30d])", "how many of the customer's events (kinds: events, views, carts, removals, purchases)"),
            new("sum", "sum(field OF kind ...)", "the sum of an event field, 0 when none"),
            new("avg", "avg(field OF kind ...)", "the average of an event field"),
            new("min", "min(field OF kind ...)", "the smallest value of an event field"),
            new("max", "max(field OF kind ...)", "the largest value of an event field"),
            new("first", "first(kind ...)", "when the first matching event happened"),
            new("last", "last(kind ...)", "when the last matching event happened"),
        ],
        RuleTokenizer.KeywordPhrases,
        [.. RuleTokenizer.Operators.Where(op => op != "<>")], // one spelling of "not equal" is enough to offer
        [.. RuleCompilation.Targets],
        Cdp.Rules.Syntax.EventKinds.Words,
        [.. EventFields.Catalog.Metrics.Select(m => new CatalogMetric(m.Name, m.Type.ToDisplayName(), m.Description, null, false))],
        [.. workspace.RuleOptions().Segments ?? []],
        FrequentValues(workspace)));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AudienceSnapshot, IReadOnlyDictionary<string, IReadOnlyList<string>>> Values = [];

    /// <summary>The most frequent real brands and category codes in the lake, for the editor's completion after `brand =`; read once per loaded snapshot.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> FrequentValues(ProfileWorkspace workspace) => Values.GetValue(workspace.Snapshot, _ =>
    {
        using var store = workspace.Open();
        return Pipeline.Store.Explore.ProfileExplorer.ValueFields.ToDictionary(f => f, f => store.Explorer.FrequentValues(f));
    });

    private static IReadOnlyList<Pipeline.Store.Catalog.StoredMetric> ComputedMetrics(ProfileWorkspace workspace)
    {
        using var store = workspace.Open();
        return store.ComputedMetrics.List();
    }

    private static Results<Ok<CompiledRuleDto>, ProblemHttpResult> Compile(RuleRequest request, ProfileWorkspace workspace)
    {
        var target = request.Target ?? "duckdb";
        if (!RuleCompilation.Targets.Contains(target))
        {
            return ApiProblems.BadRequest($"unknown target `{target}`; the targets are {string.Join(", ", RuleCompilation.Targets)}");
        }

        var parsed = Rule.Parse(request.Rule ?? "", workspace.Catalog.Catalog, workspace.RuleOptions());
        if (!parsed.Succeeded)
        {
            return ApiProblems.InvalidRule(parsed);
        }

        var clock = workspace.Snapshot.Clock;
        return TypedResults.Ok(new CompiledRuleDto(target, workspace.Snapshot.AsOf, RuleCompilation.Compile(parsed.Rule, target, clock, request.Table)));
    }
}
