using Cdp.Pipeline.Store;
using Cdp.Rules;

namespace Cdp.Host.Apis;

/// <summary>Saved segments' rules explained for one customer, v2 aggregates read from the columns the last ETL run computed.</summary>
internal static class SavedSegmentRules
{
    /// <summary>The derived columns of every saved segment's rule: a customer's row is read with those the table holds.</summary>
    public static IReadOnlyList<MetricDefinition> Derived(EmbeddedStore store) =>
        [.. store.RulesToCompute().SelectMany(r => r.Derived).Select(d => d.Definition).DistinctBy(d => d.Name)];

    /// <summary>A customer's row as saved rules read it: the stored profile with its aggregates, and the segments it is a member of that day.</summary>
    public static IReadOnlyDictionary<string, object?> Row(EmbeddedStore store, Pipeline.Profiles.ProfileRow profile)
    {
        var row = new Dictionary<string, object?>(profile.Metrics, StringComparer.Ordinal);
        if (store.ProfilesAsOf is { } asOf)
        {
            foreach (var (name, member) in store.Segments.MembershipColumns(profile.UserId, asOf))
            {
                row[name] = member;
            }
        }

        return row;
    }

    /// <summary>
    /// The explanation of a saved rule for a customer's row; null when the rule no longer checks against the catalog, or
    /// reads an aggregate the last run has not computed yet (a segment saved since: the next run computes it).
    /// </summary>
    public static Explanation? Explain(string text, IMetricCatalog catalog, RuleOptions options, IReadOnlyDictionary<string, object?> row, RuleClock clock)
    {
        var rule = Rule.Parse(text, catalog, options).Rule;
        if (rule is null || rule.Derived.Any(d => !row.ContainsKey(d.Name)))
        {
            return null;
        }

        var own = row.Where(p => catalog.TryGetMetric(p.Key, out _) || rule.Derived.Any(d => d.Name == p.Key)).ToDictionary(StringComparer.Ordinal);
        return rule.Explain(own, clock);
    }
}
