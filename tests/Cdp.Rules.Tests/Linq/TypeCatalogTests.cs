namespace Cdp.Rules.Tests.Linq;

/// <summary>A developer's class declares the catalog once; a catalog that does not bind to a class says every why at start-up.</summary>
public class TypeCatalogTests
{
    public sealed class Customer
    {
        public long Id { get; init; }                 // Int: a metric too, unless it is left out below

        public int LoginCount30d { get; init; }

        [Metric(Description = "all the customer spent", Unit = "USD")]
        public decimal LifetimeValue { get; init; }

        public string? Country { get; init; }

        public bool IsVIP { get; init; }

        public DateTime? LastOrderAt { get; init; }

        [Metric("churn", Description = "0 to 1")]
        public double? ChurnScore { get; init; }

        public List<string> Tags { get; init; } = [];

        public Customer? Referrer { get; init; }      // no language type: not a metric
    }

    public sealed class Narrow
    {
        public int LoginCount30d { get; init; }

        public string? LifetimeValue { get; init; }
    }

    [Fact]
    public void The_catalog_of_a_class_names_types_and_describes_its_metrics_and_binds_back_to_it()
    {
        var catalog = MetricCatalog.FromType<Customer>();
        Assert.Equal(
            [("id", MetricType.Int), ("login_count_30d", MetricType.Int), ("lifetime_value", MetricType.Money), ("country", MetricType.Text), ("is_vip", MetricType.Bool),
             ("last_order_at", MetricType.Timestamp), ("churn", MetricType.Number), ("tags", MetricType.TextList)],
            catalog.Metrics.Select(m => (m.Name, m.Type)));
        Assert.Equal("all the customer spent (USD)", catalog.Metrics.Single(m => m.Name == "lifetime_value").Description);
        Assert.Empty(catalog.BindingProblems<Customer>());

        var rule = Rule.Parse("login_count_30d > 3 AND lifetime_value >= 100 AND is_vip AND churn < 0.5 AND tags HAS 'b2b'", catalog).Rule!;
        var isMember = LinqTarget.Compile<Customer>(rule, RuleClock.AsOfDate(new DateOnly(2024, 6, 1))).GetOutputOrThrow();
        Assert.True(isMember(new Customer { LoginCount30d = 4, LifetimeValue = 100m, IsVIP = true, ChurnScore = 0.1, Tags = ["b2b"] }));
    }

    [Fact]
    public void Every_metric_that_does_not_bind_is_reported_at_once()
    {
        var problems = MetricCatalog.FromType<Customer>().BindingProblems<Narrow>();
        Assert.Contains(problems, p => p.Contains("cannot hold the money metric `lifetime_value`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no property for metric `country` (name it `Country`", StringComparison.Ordinal));
        Assert.Equal(7, problems.Count); // everything but login_count_30d
    }

    [Theory]
    [InlineData("LoginCount30d", "login_count_30d")]
    [InlineData("Sessions7d", "sessions_7d")]
    [InlineData("IsVIP", "is_vip")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("already_snake", "already_snake")]
    public void Property_names_become_snake_case_metric_names(string property, string metric) =>
        Assert.Equal(metric, MetricCatalog.SnakeCase(property));
}
