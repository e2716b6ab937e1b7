namespace Cdp.Rules.Checking;

/// <summary>
/// The fields of an event as the v2 aggregates read them (docs/rule-language.md, "Event aggregates"): what a
/// <c>WHERE</c> may name and what <c>SUM</c>, <c>AVG</c>, <c>MIN</c>, <c>MAX</c> and <c>COUNT(DISTINCT ...)</c> may take.
/// </summary>
public static class EventFields
{
    /// <summary>The fields, typed.</summary>
    public static MetricCatalog Catalog { get; } = new(
    [
        new("event_time", MetricType.Timestamp, "When the event happened (UTC)"),
        new("event_type", MetricType.Text, "view, cart, remove_from_cart or purchase"),
        new("product_id", MetricType.Int, "The product"),
        new("category_id", MetricType.Int, "The product's category"),
        new("category_code", MetricType.Text, "The category's dotted path, e.g. electronics.smartphone; NULL when empty"),
        new("brand", MetricType.Text, "The brand, lower case; NULL when empty"),
        new("price", MetricType.Money, "The price"),
        new("user_session", MetricType.Text, "The session id; NULL when empty"),
    ]);
}
