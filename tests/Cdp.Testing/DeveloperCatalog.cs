namespace Cdp.Testing;

/// <summary>
/// A catalog as a developer brings one, not the platform's (the first users' own: logins, lifetime value,
/// country, VIP flag, last order, a nullable score), for the tests of the package in a developer's world.
/// </summary>
public static class DeveloperCatalog
{
    public static MetricCatalog Instance { get; } = new([
        new MetricDefinition("login_count_30d", MetricType.Int, "logins in 30 days"),
        new MetricDefinition("lifetime_value", MetricType.Money, "all the customer spent"),
        new MetricDefinition("country", MetricType.Text, "where the customer lives"),
        new MetricDefinition("is_vip", MetricType.Bool, "a VIP"),
        new MetricDefinition("last_order_at", MetricType.Timestamp, "when the customer last ordered"),
        new MetricDefinition("churn_score", MetricType.Number, "0 to 1"),
    ]);
}
