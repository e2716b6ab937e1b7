using Cdp.Rules;

namespace Cdp.Testing;

/// <summary>
/// v2 rules for the cross-target tests, over a small profile catalog, and the profiles that hold their derived
/// columns (computed by the reference from generated histories, as a profile store would hold them).
/// </summary>
public static class V2Rules
{
    public static MetricCatalog Profiles { get; } = new([new("spend_30d", MetricType.Money, "spend"), new("is_buyer", MetricType.Bool, "bought once")]);

    public static RuleOptions Options { get; } = new() { Segments = ["big_spenders", "lapsed_buyers"] };

    public static IReadOnlyList<string> Texts { get; } =
    [
        "count(purchases in last 30d) >= 2",
        "sum(price of purchases where brand = 'apple' in last 30d) > 100",
        "count(distinct user_session of events in last 7d) > 1",
        "avg(price of purchases) >= 9.99",
        "min(brand of views) < 'b'",
        "max(price of carts where category_code starts with 'electronics') > 100",
        "last(purchases) >= now() - 7d",
        "first(events since 2019-10-15) is null",
        "count(carts in last 14d) >= 2 and count(purchases in last 14d) = 0",
        "count(views where brand is null or price = 0) > 1 or in_segment('big_spenders')",
        "not (sum(product_id of removals) > 3) and not in_segment('lapsed_buyers')",
        "spend_30d > 100 and count(purchases where price > 0 in last 7d) = 0",
        "sum(price of purchases) > 100000000000 or is_buyer",
    ];

    /// <summary>The rule checked against a catalog that declares its derived columns (profiles that hold them).</summary>
    public static Rule Holding(string text) =>
        (Rule.Parse(text, Profiles, Options).Rule ?? throw new InvalidOperationException(text)).WithDerivedColumns();

    /// <summary>A customer: the catalog's metrics, the saved segments it is a member of, and its events.</summary>
    public sealed record Customer(long Id, decimal? Spend, bool? IsBuyer, IReadOnlySet<string> Segments, IReadOnlyList<RuleEvent> Events)
    {
        /// <summary>The profile a rule reads besides its aggregates: the catalog's metrics and the segment columns it references.</summary>
        public Dictionary<string, object?> Profile(Rule rule)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal) { ["spend_30d"] = Spend, ["is_buyer"] = IsBuyer };
            foreach (var segment in rule.SegmentReferences)
            {
                row[segment.Name] = Segments.Contains(segment.Segment!);
            }

            return row;
        }

        /// <summary>The profile row with the rule's aggregates computed into their derived columns, as a store holds it.</summary>
        public Dictionary<string, object?> Holding(Rule rule)
        {
            var row = Profile(rule);
            foreach (var (name, value) in rule.ComputeAggregates(Events, EventHistories.Clock))
            {
                row[name] = value;
            }

            return row;
        }
    }

    /// <summary>Generated customers: spend, buyer flag and segment memberships from the id, events from <see cref="EventHistories"/>.</summary>
    public static IReadOnlyList<Customer> Customers(int seed, int count) =>
    [
        .. EventHistories.Generate(seed, count).Select(h => new Customer(h.Id,
            h.Id % 4 == 0 ? null : h.Id * 13.37m,
            h.Id % 5 == 0 ? null : h.Id % 2 == 0,
            new HashSet<string>(new[] { h.Id % 3 == 0 ? "big_spenders" : null, h.Id % 7 == 0 ? "lapsed_buyers" : null }.OfType<string>()),
            h.Events)),
    ];

    /// <summary>The reference's members: the rule evaluated on each customer's profile and events.</summary>
    public static IReadOnlyList<long> ReferenceMembers(Rule rule, IReadOnlyList<Customer> customers) =>
        [.. customers.Where(c => rule.Evaluate(c.Profile(rule), c.Events, EventHistories.Clock) == TruthValue.True).Select(c => c.Id)];
}
