using Cdp.Rules.Runtime;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Evaluation;

/// <summary>
/// The v2 part of the oracle, written from the contract: an aggregate is read from the profile's derived column when
/// the profile holds it, else computed from the customer's events; a segment reference is read from its column.
/// </summary>
internal sealed partial class ReferenceEvaluator
{
    private readonly IReadOnlyList<RuleEvent>? _events;

    public override object? VisitAggregate(AggregateNode node)
    {
        var derived = _rule.DerivedOf(node);
        if (_profile.TryGetValue(derived.Name, out var stored))
        {
            return Observe(node, stored is null ? null : MetricValues.Normalize(derived.Type, stored));
        }

        if (_events is null)
        {
            throw new ArgumentException(
                $"`{derived.Text}` needs the customer's events or the profile's column `{derived.Name}`, and neither was given");
        }

        return Observe(node, Aggregate(node, derived.Type));
    }

    public override object? VisitInSegment(InSegmentNode node)
    {
        var derived = _rule.DerivedOf(node);
        return Observe(node, _profile.TryGetValue(derived.Name, out var member) && member is true);
    }

    /// <summary>The events an aggregate reads: of its kind, inside its window and before now(), its WHERE TRUE; in the order given.</summary>
    public IReadOnlyList<RuleEvent> Matching(AggregateNode node)
    {
        var now = _clock.Now;
        var from = node.Last is { Value: Duration last } ? now - last.ToTimeSpan()
            : node.Since is { } since ? ToTimestamp(new ReferenceEvaluator(_rule, _clock).Visit(since))
            : (DateTime?)null;
        var eventType = EventKinds.TryParse(node.KindName, out var kind) ? kind.EventType() : null;
        var where = new ReferenceEvaluator(_rule, _clock); // each event's WHERE is its own row, not observed
        return [.. _events!
            .Where(e => e.EventTime < now && (from is null || e.EventTime >= from) && (eventType is null || e.EventType == eventType))
            .Where(e => node.Where is null || where.Truth(node.Where, e.Fields()) == TruthValue.True)];
    }

    private object? Aggregate(AggregateNode node, MetricType type)
    {
        var matched = Matching(node).Select(e => e.Fields()).ToList();
        var values = node.Field is { } field ? matched.Select(f => f[field]).Where(v => v is not null).Select(v => v!).ToList() : [];
        return node.Function switch
        {
            AggregateFunction.Count => (long)matched.Count,
            AggregateFunction.CountDistinct => (long)values.Distinct().Count(),
            AggregateFunction.Sum => type == MetricType.Money ? values.Sum(v => (decimal)v) : (object)values.Aggregate(0L, (sum, v) => checked(sum + (long)v)),
            AggregateFunction.Avg => values.Count == 0 ? null
                : RuleSemantics.MoneyToNumber(values.Aggregate(0m, (sum, v) => sum + System.Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture)) / values.Count),
            AggregateFunction.Min => values.Count == 0 ? null : values.Order(Comparer<object>.Create(Compare)).First(),
            AggregateFunction.Max => values.Count == 0 ? null : values.Order(Comparer<object>.Create(Compare)).Last(),
            AggregateFunction.First => matched.Count == 0 ? null : matched.Min(f => (DateTime)f["event_time"]!),
            _ => matched.Count == 0 ? null : matched.Max(f => (DateTime)f["event_time"]!),
        };
    }

    /// <summary>Field values in the language's order: numbers and times by value, texts ordinally.</summary>
    private static int Compare(object left, object right) => (left, right) switch
    {
        (string l, string r) => RuleSemantics.CompareText(l, r),
        (IComparable l, _) => l.CompareTo(right),
        _ => 0,
    };
}
