using Cdp.Rules;

namespace Cdp.Pipeline.Metrics;

/// <summary>
/// The fields of an event, as a catalog: what a metric's filter can name. The language's event fields (those a v2
/// aggregate's WHERE names, <see cref="Rules.Checking.EventFields"/>), and the lake's partition day.
/// </summary>
public static class EventFields
{
    public static MetricCatalog Catalog { get; } = new(
        Rules.Checking.EventFields.Catalog.Metrics.Take(1)
            .Append(new MetricDefinition("event_date", MetricType.Date, "The UTC date of the event"))
            .Concat(Rules.Checking.EventFields.Catalog.Metrics.Skip(1)));
}
