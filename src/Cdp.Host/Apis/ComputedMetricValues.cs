using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store;
using Cdp.Rules;

namespace Cdp.Host.Apis;

/// <summary>A customer's computed metrics (v2), each its expression's value over the stored profile and the aggregates the last run computed.</summary>
internal static class ComputedMetricValues
{
    public static IReadOnlyList<ProfileJson.DescribedMetric> Of(EmbeddedStore store, IReadOnlyDictionary<string, object?> row, RuleClock clock) =>
        [.. store.ComputedMetrics.List().Select(metric =>
        {
            var expression = Rule.ParseExpression(metric.Expression, store.Catalog.Catalog).Rule;
            var computed = expression is not null && expression.Derived.All(d => row.ContainsKey(d.Name));
            var value = computed
                ? expression!.ValueOf(row.Where(p => store.Catalog.Catalog.TryGetMetric(p.Key, out _) || expression.Derived.Any(d => d.Name == p.Key)).ToDictionary(StringComparer.Ordinal), clock)
                : null;
            return new ProfileJson.DescribedMetric(metric.Name, metric.Type.ToDisplayName(), metric.Description, null, value,
                !computed ? "not computed yet: the next run computes it" : value is null ? "NULL" : ProfileValueFormat.Format(value));
        })];
}
