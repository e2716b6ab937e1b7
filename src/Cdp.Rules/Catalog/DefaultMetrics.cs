namespace Cdp.Rules;

/// <summary>The profile metrics of docs/metrics.md, as of a UTC date D.</summary>
internal static class DefaultMetrics
{
    public static IEnumerable<MetricDefinition> All
    {
        get
        {
            yield return new("events_7d", MetricType.Int, "Events in the 7 days ending with D");
            yield return new("events_30d", MetricType.Int, "Events in the 30 days ending with D");
            yield return new("events_total", MetricType.Int, "Events up to and including D");
            yield return new("views_7d", MetricType.Int, "View events in the 7 days ending with D");
            yield return new("views_30d", MetricType.Int, "View events in the 30 days ending with D");
            yield return new("carts_7d", MetricType.Int, "Add-to-cart events in the 7 days ending with D");
            yield return new("carts_30d", MetricType.Int, "Add-to-cart events in the 30 days ending with D");
            yield return new("removes_30d", MetricType.Int, "Remove-from-cart events in the 30 days ending with D");
            yield return new("purchases_7d", MetricType.Int, "Purchase events in the 7 days ending with D");
            yield return new("purchases_30d", MetricType.Int, "Purchase events in the 30 days ending with D");
            yield return new("purchases_total", MetricType.Int, "Purchase events up to and including D");
            yield return new("sessions_7d", MetricType.Int, "Distinct sessions in the 7 days ending with D");
            yield return new("sessions_30d", MetricType.Int, "Distinct sessions in the 30 days ending with D");
            yield return new("orders_30d", MetricType.Int, "Distinct sessions with a purchase in the 30 days ending with D");
            yield return new("spend_7d", MetricType.Money, "Sum of purchase prices in the 7 days ending with D");
            yield return new("spend_30d", MetricType.Money, "Sum of purchase prices in the 30 days ending with D");
            yield return new("spend_total", MetricType.Money, "Sum of purchase prices up to and including D");
            yield return new("cart_rate", MetricType.Number, "carts_30d / views_30d; NULL without views");
            yield return new("conversion_rate", MetricType.Number, "purchases_30d / views_30d; NULL without views");
            yield return new("avg_order_value", MetricType.Number, "spend_30d / orders_30d; NULL without orders");
            yield return new("distinct_products_30d", MetricType.Int, "Distinct products in the 30 days ending with D");
            yield return new("distinct_brands_30d", MetricType.Int, "Distinct non-empty brands in the 30 days ending with D");
            yield return new("distinct_categories_30d", MetricType.Int, "Distinct non-empty category codes in the 30 days ending with D");
            yield return new("top_category_30d", MetricType.Text, "Most frequent category code in the 30 days ending with D; NULL when none");
            yield return new("top_brand_30d", MetricType.Text, "Most frequent brand in the 30 days ending with D; NULL when none");
            yield return new("viewed_categories_30d", MetricType.TextList, "Category codes viewed in the 30 days ending with D, sorted; NULL when none");
            yield return new("first_seen_at", MetricType.Timestamp, "Time of the first event up to D");
            yield return new("last_seen_at", MetricType.Timestamp, "Time of the last event up to D");
            yield return new("last_purchase_at", MetricType.Timestamp, "Time of the last purchase up to D; NULL when never");
            yield return new("days_since_last_event", MetricType.Int, "D minus the date of the last event");
            yield return new("days_since_last_purchase", MetricType.Int, "D minus the date of the last purchase; NULL when never");
            yield return new("is_buyer", MetricType.Bool, "purchases_total > 0");
        }
    }
}
