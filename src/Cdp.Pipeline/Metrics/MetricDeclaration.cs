using Cdp.Rules;

namespace Cdp.Pipeline.Metrics;

/// <summary>
/// One profile metric, declared once; every engine's query is generated from it. <paramref name="Filter"/>
/// is a condition in the rule language over the event fields (<see cref="EventFields"/>), e.g.
/// <c>event_type = 'view' AND category_code STARTS WITH 'electronics.smartphone'</c>.
/// </summary>
/// <param name="Name">The metric's name in rules.</param>
/// <param name="Type">Its type.</param>
/// <param name="Description">One line for people.</param>
/// <param name="Aggregate">How it is computed.</param>
/// <param name="WindowDays">Days ending with D (7, 30, ...), or null for every event up to D.</param>
/// <param name="Filter">Which events count; null for all.</param>
/// <param name="Field">The event field of DistinctCount, Top and List.</param>
/// <param name="Expression">The rule-language expression of an Expression metric.</param>
/// <param name="Unit">A unit for people (events, sessions, EUR, ...), if any.</param>
/// <param name="Numerator">The numerator metric of a Ratio.</param>
/// <param name="Denominator">The denominator metric of a Ratio.</param>
/// <param name="Summary">One of the few metrics that sum a customer up: the web app's profile list shows them as its columns.</param>
public sealed record MetricDeclaration(
    string Name,
    MetricType Type,
    string Description,
    MetricAggregate Aggregate,
    int? WindowDays = null,
    string? Filter = null,
    string? Field = null,
    string? Expression = null,
    string? Unit = null,
    string? Numerator = null,
    string? Denominator = null,
    bool Summary = false)
{
    /// <summary>The catalog entry rules see.</summary>
    public MetricDefinition Definition => new(Name, Type, Description);
}
