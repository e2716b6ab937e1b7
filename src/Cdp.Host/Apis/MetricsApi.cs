using System.Runtime.CompilerServices;
using Cdp.Host.Services;
using Cdp.Pipeline.Store.Explore;
using Cdp.Rules;

namespace Cdp.Host.Apis;

/// <summary>
/// <c>GET /api/metrics</c>: the catalog for people (name, type, unit, description) with how each metric is spread
/// over the current profiles, for the metrics page. Computed once per loaded snapshot of the profiles.
/// </summary>
internal static class MetricsApi
{
    private static readonly ConditionalWeakTable<AudienceSnapshot, IReadOnlyList<MetricDistribution>> Cache = [];

    public sealed record MetricDto(string Name, string Type, string? Unit, string Description, MetricDistribution? Distribution, string? Expression = null);

    public sealed record MetricsDto(DateOnly? AsOf, long Profiles, IReadOnlyList<MetricDto> Metrics);

    public static void MapMetricsApi(this RouteGroupBuilder api) => api.MapGet("/metrics", (ProfileWorkspace workspace) =>
    {
        var snapshot = workspace.Snapshot;
        using var store = workspace.Open();
        var distributions = Cache.GetValue(snapshot, _ => store.Explorer.Distributions()).ToDictionary(d => d.Metric, StringComparer.Ordinal);
        return TypedResults.Ok(new MetricsDto(
            snapshot.AsOf,
            snapshot.Table.RowCount,
            [
                .. workspace.Catalog.Declarations.Select(d => new MetricDto(d.Name, d.Type.ToDisplayName(), d.Unit, d.Description, distributions.GetValueOrDefault(d.Name))),
                .. store.ComputedMetrics.List().Select(m => new MetricDto(m.Name, m.Type.ToDisplayName(), null, m.Description, null, m.Expression)),
            ]));
    }).WithName("Metrics");
}
