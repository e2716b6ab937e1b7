using Cdp.Rules;

namespace Cdp.Pipeline.Metrics;

/// <summary>The fields of an event, as a catalog: what a metric's filter can name.</summary>
public static class EventFields
{
    public static MetricCatalog Catalog { get; } = new(
    [
        new("event_time", MetricType.Timestamp, "When the event happened (UTC)"),
        new("event_date", MetricType.Date, "The UTC date of the event"),
        new("event_type", MetricType.Text, "view, cart, remove_from_cart or purchase"),
        new("product_id", MetricType.Int, "The product"),
        new("category_id", MetricType.Int, "The product's category"),
        new("category_code", MetricType.Text, "The category's dotted path, e.g. electronics.smartphone; NULL when empty"),
        new("brand", MetricType.Text, "The brand, lower case; NULL when empty"),
        new("price", MetricType.Money, "The price"),
        new("user_session", MetricType.Text, "The session id; NULL when empty"),
    ]);
}
