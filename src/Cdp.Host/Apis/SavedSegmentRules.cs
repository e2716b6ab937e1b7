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
    /// The explanation of a saved rule (checked once by the caller; null when it no longer checks against the catalog)
    /// for a customer's row; null too when it reads an aggregate the last run has not computed yet (a segment saved
    /// since: the next run computes it).
    /// </summary>
    public static Explanation? Explain(Rule? rule, IMetricCatalog catalog, IReadOnlyDictionary<string, object?> row, RuleClock clock)
    {
        if (rule is null || rule.Derived.Any(d => !row.ContainsKey(d.Name)))
        {
            return null;
        }

        var own = row.Where(p => catalog.TryGetMetric(p.Key, out _) || rule.Derived.Any(d => d.Name == p.Key)).ToDictionary(StringComparer.Ordinal);
        return rule.Explain(own, clock);
    }

    /// <summary>One of the events behind an aggregate, as explain lists it.</summary>
    public sealed record EvidenceEvent(DateTime Time, string Type, long ProductId, string? CategoryCode, string? Brand, decimal Price);

    /// <summary>An aggregate of a rule for one customer: how many of the customer's events it reads, and the latest few of them.</summary>
    public sealed record AggregateEvidence(string Aggregate, long Matching, IReadOnlyList<EvidenceEvent> Latest);

    /// <summary>How many events explain lists behind each aggregate.</summary>
    public const int EvidenceShown = 5;

    /// <summary>
    /// The events behind each aggregate of a saved rule for a customer (newest first): none when the rule reads no
    /// aggregate or no longer checks (null).
    /// </summary>
    public static IReadOnlyList<AggregateEvidence> Evidence(Rule? rule, Func<IReadOnlyList<RuleEvent>> events, RuleClock clock)
    {
        if (rule is null || !rule.Aggregates.Any())
        {
            return [];
        }

        var history = events();
        return [.. rule.DerivedNodes().OfType<Cdp.Rules.Syntax.AggregateNode>().DistinctBy(n => rule.DerivedOf(n).Name).Select(node =>
        {
            var matching = rule.MatchingEvents(node, history, clock);
            return new AggregateEvidence(rule.DerivedOf(node).Text, matching.Count,
                [.. matching.Take(EvidenceShown).Select(e => new EvidenceEvent(e.EventTime, e.EventType, e.ProductId, e.CategoryCode, e.Brand, e.Price))]);
        })];
    }
}
