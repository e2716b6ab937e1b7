using Cdp.Rules.Diagnostics;

namespace Cdp.Rules;

/// <summary>Look-ups on any catalog.</summary>
public static class MetricCatalogExtensions
{
    /// <summary>The catalog's closest metric name to a misspelt one, for "did you mean" messages; null when none is close.</summary>
    public static string? SuggestMetric(this IMetricCatalog catalog, string name) =>
        EditDistance.Closest(name, catalog.Metrics.Select(m => m.Name));
}
