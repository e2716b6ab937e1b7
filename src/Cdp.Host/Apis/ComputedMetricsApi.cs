using System.Security.Claims;
using Cdp.Host.Rules;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store.Catalog;
using Cdp.Rules;
using Cdp.Rules.Columnar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// Computed metrics (v2): editors define a named metric with the aggregate syntax, checked and previewed as they
/// type; it joins the catalog at once (rules may name it, the preview computes it over the lake) and every run
/// computes it with the profiles. <c>GET|POST /api/metrics/computed</c>, <c>POST /api/metrics/computed/preview</c>,
/// <c>DELETE /api/metrics/computed/{name}</c> (refused while a segment names it).
/// </summary>
internal static class ComputedMetricsApi
{
    private const int SampleSize = 10;

    public sealed record ComputedMetricRequest(string? Name, string? Expression, string? Description);

    public sealed record ComputedMetricDto(string Name, string Expression, string Description, string Type, string Owner, DateTime CreatedAt);

    public sealed record MetricPreviewRequest(string? Expression);

    /// <summary>A customer of the preview and the metric's value for them.</summary>
    public sealed record MetricSample(long UserId, object? Value);

    /// <summary>The editor's live check and preview: the type, or the mistakes; how many profiles have a value, and a sample.</summary>
    public sealed record MetricPreviewDto(bool Valid, string? Type, IReadOnlyList<DiagnosticShape> Diagnostics, long? WithValue, long? Total,
        DateOnly? AsOf, IReadOnlyList<MetricSample> Sample, string? Note = null);

    public static void MapComputedMetricsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/metrics/computed", List).WithName("ComputedMetrics");
        api.MapPost("/metrics/computed", Add).RequireAuthorization(Roles.CanEdit).WithName("AddComputedMetric");
        api.MapPost("/metrics/computed/preview", Preview).WithName("PreviewComputedMetric");
        api.MapDelete("/metrics/computed/{name}", Remove).RequireAuthorization(Roles.CanEdit).WithName("RemoveComputedMetric");
    }

    private static ComputedMetricDto Dto(StoredMetric m) => new(m.Name, m.Expression, m.Description, m.Type.ToDisplayName(), m.Owner, m.CreatedAt);

    private static Ok<List<ComputedMetricDto>> List(ProfileWorkspace workspace)
    {
        using var store = workspace.Open();
        return TypedResults.Ok(store.ComputedMetrics.List().Select(Dto).ToList());
    }

    private static Results<Created<ComputedMetricDto>, ProblemHttpResult> Add(ComputedMetricRequest request, ProfileWorkspace workspace, ClaimsPrincipal user)
    {
        var answer = workspace.Write<Results<Created<ComputedMetricDto>, ProblemHttpResult>>(store =>
        {
            var saved = store.ComputedMetrics.Add(request.Name, request.Expression, request.Description, Principal.Name(user), [.. store.Segments.List().Select(s => s.Name)]);
            if (saved.Metric is { } metric)
            {
                return TypedResults.Created($"/api/metrics/computed/{Uri.EscapeDataString(metric.Name)}", Dto(metric));
            }

            var verdict = saved.Verdict;
            return verdict.NameTaken
                ? ApiProblems.Conflict(verdict.Problem)
                : verdict.Problem is { } problem
                    ? ApiProblems.BadRequest(problem)
                    : TypedResults.Problem($"the expression has {verdict.Diagnostics.Count} mistake(s): {string.Join("; ", verdict.Diagnostics)}",
                        statusCode: StatusCodes.Status422UnprocessableEntity, title: "The expression has mistakes",
                        extensions: new Dictionary<string, object?> { ["diagnostics"] = DiagnosticJson.Shapes(verdict.Diagnostics) });
        });
        if (answer.Result is Created<ComputedMetricDto>)
        {
            workspace.ReloadSoon(); // previews and pages learn the new name
        }

        return answer;
    }

    private static Results<NoContent, ProblemHttpResult> Remove(string name, ProfileWorkspace workspace) => workspace.Write<Results<NoContent, ProblemHttpResult>>(store =>
    {
        var (removed, readBy) = store.RemoveComputedMetric(name);
        return removed
            ? TypedResults.NoContent()
            : readBy.Count > 0
                ? ApiProblems.Conflict($"`{name}` is named by {string.Join(", ", readBy.Select(s => $"`{s}`"))}: change or archive them first",
                    new Dictionary<string, object?> { ["readBy"] = readBy })
                : ApiProblems.NotFound($"no computed metric `{name}`");
    });

    private static Ok<MetricPreviewDto> Preview(MetricPreviewRequest request, ProfileWorkspace workspace)
    {
        var options = workspace.RuleOptions();
        var (expression, diagnostics) = ComputedMetricCheck.CheckExpression(request.Expression, workspace.Catalog, options.ComputedMetrics ?? [], options.Segments ?? []);
        if (expression is null)
        {
            return TypedResults.Ok(new MetricPreviewDto(false, null, DiagnosticJson.Shapes(diagnostics), null, null, null, []));
        }

        var type = expression.TypeOf(expression.Syntax);
        var snapshot = workspace.Snapshot;
        var (table, catalog) = expression.Aggregates.Any(a => !snapshot.Catalog.TryGetMetric(a.Name, out _))
            ? workspace.WithAggregates(expression)
            : (snapshot.Table, (IMetricCatalog)snapshot.Catalog);
        var canonical = expression.ToCanonicalString();
        using var valued = ColumnarTarget.Evaluate(Rule.Parse($"({canonical}) IS NOT NULL", catalog, options).Rule!, snapshot.Clock, table);
        // The sample shows customers the metric says something of first: a number other than 0, TRUE, then any value.
        var telling = type.IsNumeric() ? $"({canonical}) != 0" : type == MetricType.Bool ? canonical : $"({canonical}) IS NOT NULL";
        using var told = ColumnarTarget.Evaluate(Rule.Parse(telling, catalog, options).Rule!, snapshot.Clock, table);
        var first = told.Rows().Take(SampleSize).ToList();
        var rows = first.Concat(valued.Rows().Where(r => !first.Contains(r))).Take(SampleSize);
        var reads = expression.WithDerivedColumns(); // the aggregates read from the columns the table now holds
        var columns = reads.Metrics.Select(m => m.Name).Concat(reads.Derived.Select(d => d.Name)).Distinct().ToList();
        var sample = rows
            .Select(row => new MetricSample(table.Ids[row], reads.ValueOf(columns.ToDictionary(c => c, c => table.ValueAt(c, row)), snapshot.Clock)))
            .ToList();
        return TypedResults.Ok(new MetricPreviewDto(true, type.ToDisplayName(), [], valued.Count, table.RowCount, snapshot.AsOf, sample));
    }
}
