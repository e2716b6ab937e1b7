using Cdp.Rules.Diagnostics;
using Cdp.Rules.Evaluation;
using Cdp.Rules.Syntax;

namespace Cdp.Rules;

public sealed partial class Rule
{
    /// <summary>
    /// Evaluates the rule for one profile with the reference interpreter, the oracle of every other backend.
    /// <paramref name="profile"/> maps metric names (the catalog's spelling) to values; a missing key is NULL.
    /// </summary>
    /// <exception cref="ArgumentException">A key names no metric of the catalog (a misspelt key would otherwise be a silent NULL), or a value cannot be its metric's type.</exception>
    public TruthValue Evaluate(IReadOnlyDictionary<string, object?> profile, RuleClock clock) =>
        new ReferenceEvaluator(this, RuleClock.Require(clock, nameof(clock))).Evaluate(Checked(profile));

    /// <summary>
    /// Evaluates the rule for one profile and the customer's events (v2): each event aggregate the profile does not
    /// hold as its derived column (<see cref="Derived"/>) is computed from <paramref name="events"/>, as the contract
    /// defines it; segment references are read from the profile.
    /// </summary>
    public TruthValue Evaluate(IReadOnlyDictionary<string, object?> profile, IReadOnlyList<RuleEvent> events, RuleClock clock)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new ReferenceEvaluator(this, RuleClock.Require(clock, nameof(clock)), events: events).Evaluate(Checked(profile));
    }

    /// <summary>
    /// The value of the rule for one profile with the reference interpreter: what a value expression
    /// (<see cref="ParseExpression"/>, such as a computed metric's) computes, in its metric type's CLR type (long,
    /// decimal, double, string, DateTime, DateOnly, TimeSpan, a list of strings), or NULL; a condition's value is a
    /// nullable bool. Aggregates the profile does not hold are computed from <paramref name="events"/> when given.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Evaluate(IReadOnlyDictionary{string, object?}, RuleClock)"/>.</exception>
    public object? ValueOf(IReadOnlyDictionary<string, object?> profile, RuleClock clock, IReadOnlyList<RuleEvent>? events = null) =>
        new ReferenceEvaluator(this, RuleClock.Require(clock, nameof(clock)), events: events).Value(Checked(profile));

    /// <summary>
    /// The events one of the rule's aggregates reads for a customer (v2): those of its kind, inside its window and before
    /// <c>now()</c>, for which its WHERE is TRUE, in the order given. What explain shows behind a count.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="aggregate"/> is not an aggregate of this rule's tree.</exception>
    public IReadOnlyList<RuleEvent> MatchingEvents(RuleNode aggregate, IReadOnlyList<RuleEvent> events, RuleClock clock)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (aggregate is not AggregateNode node || !DerivedNodes().Contains(aggregate))
        {
            throw new ArgumentException("The node is not an aggregate of this rule's checked tree.", nameof(aggregate));
        }

        return new ReferenceEvaluator(this, RuleClock.Require(clock, nameof(clock)), events: events).Matching(node);
    }

    /// <summary>
    /// The value of each of the rule's event aggregates (v2) for one customer's events, by its derived column's name
    /// (<see cref="Derived"/>): what a profile store keeps, computed by the reference as the contract defines it.
    /// </summary>
    public IReadOnlyDictionary<string, object?> ComputeAggregates(IReadOnlyList<RuleEvent> events, RuleClock clock)
    {
        ArgumentNullException.ThrowIfNull(events);
        var evaluator = new ReferenceEvaluator(this, RuleClock.Require(clock, nameof(clock)), events: events);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var node in DerivedNodes().OfType<AggregateNode>())
        {
            values.TryAdd(DerivedOf(node).Name, evaluator.Visit(node));
        }

        return values;
    }

    /// <summary>Evaluates the rule for one object of your own profile type, bound as <see cref="LinqTarget.ToExpression{TProfile}(Rule, RuleClock)"/> binds it.</summary>
    public TruthValue Evaluate<TProfile>(TProfile profile, RuleClock clock) => Evaluate(Linq.ProfileReader.Row(this, profile), clock);

    /// <summary>The value of every sub-rule for one object of your own profile type.</summary>
    public Explanation Explain<TProfile>(TProfile profile, RuleClock clock) => Explain(Linq.ProfileReader.Row(this, profile), clock);

    /// <summary>The row, refused with the key and a did-you-mean when a key names no metric of the catalog.</summary>
    private IReadOnlyDictionary<string, object?> Checked(IReadOnlyDictionary<string, object?> profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        foreach (var key in profile.Keys)
        {
            if (!Catalog.TryGetMetric(key, out _) && !Derived.Any(d => d.Name == key))
            {
                var nearest = EditDistance.Closest(key, Catalog.Metrics.Select(m => m.Name));
                throw new ArgumentException(
                    $"the profile has a value for `{key}`, which is no metric of the catalog{(nearest is null ? "" : $"; did you mean `{nearest}`?")}", nameof(profile));
            }
        }

        return profile;
    }

    /// <summary>The value of every sub-rule for one profile, to show why a customer is in or out.</summary>
    public Explanation Explain(IReadOnlyDictionary<string, object?> profile, RuleClock clock) => Explain(profile, null, clock);

    /// <summary>The value of every sub-rule for one profile and the customer's events (v2): each aggregate's value is shown.</summary>
    public Explanation Explain(IReadOnlyDictionary<string, object?> profile, IReadOnlyList<RuleEvent>? events, RuleClock clock)
    {
        var values = new Dictionary<RuleNode, object?>(ReferenceEqualityComparer.Instance);
        new ReferenceEvaluator(this, RuleClock.Require(clock, nameof(clock)), (node, value) => values.TryAdd(node, value), events).Evaluate(Checked(profile));
        return new Explanation(Explain(Syntax, values));
    }

    private ExplanationNode Explain(RuleNode node, Dictionary<RuleNode, object?> values)
    {
        var children = SyntaxChildren.Of(node).Where(IsCondition).ToList();
        var operands = new List<ExplainedOperand>();
        if (children.Count == 0 && node is not MetricNode)
        {
            var shown = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operand in ValueOperands(node))
            {
                var text = RulePrinter.Print(operand);
                if (shown.Add(text))
                {
                    operands.Add(new ExplainedOperand(text, ValueText.Format(values[operand])));
                }
            }
        }

        var truth = values[node] switch
        {
            true => TruthValue.True,
            false => TruthValue.False,
            _ => TruthValue.Unknown,
        };
        return new ExplanationNode(RulePrinter.Print(node), node.Span, truth, operands, children.Select(c => Explain(c, values)).ToList());
    }

    private bool IsCondition(RuleNode node) => node is not LiteralNode && TypeOf(node) == MetricType.Bool;

    /// <summary>The direct non-literal operands of a predicate, then every metric beneath them.</summary>
    private static IEnumerable<RuleNode> ValueOperands(RuleNode predicate)
    {
        foreach (var child in SyntaxChildren.Of(predicate))
        {
            if (child is not LiteralNode)
            {
                yield return child;
            }
        }

        var pending = new Stack<RuleNode>(SyntaxChildren.Of(predicate).Reverse());
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is MetricNode)
            {
                yield return node;
            }

            if (node is AggregateNode)
            {
                continue; // its WHERE reads one event at a time: the aggregate's value is what explains it
            }

            foreach (var child in SyntaxChildren.Of(node).Reverse())
            {
                pending.Push(child);
            }
        }
    }
}
