using Cdp.Rules.Backends.Tests.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cdp.Rules.Backends.Tests.EntityFramework;

/// <summary>
/// v2 aggregates over a developer's own navigation (<c>Customer.Orders</c>, marked as purchases) through EF Core, as a
/// correlated subquery: on PostgreSQL in a far time zone with a linguistic collation, and on SQLite, each rule selects
/// the reference's customers (computed from the same orders as events); what a provider cannot compute exactly is a
/// diagnostic before any query runs.
/// </summary>
public sealed class DeveloperEventsTests(SharedFixture<PostgresServer> postgres) : IClassFixture<SharedFixture<PostgresServer>>
{
    private static readonly DateTime Now = new(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Rules =
    [
        "count(purchases IN LAST 30d) >= 2",
        "count(purchases WHERE brand = 'apple' IN LAST 90d) >= 1 AND NOT is_vip",
        "last(purchases) < now() - 10d OR last(purchases) IS NULL",
        "first(purchases WHERE brand IS NULL SINCE 2024-01-01) IS NOT NULL",
        "count(distinct brand of purchases) >= 2",
        "count(purchases WHERE brand STARTS WITH 'App') = 0 AND count(purchases) > 0",
    ];

    /// <summary>Money aggregates: PostgreSQL computes them exactly; SQLite cannot (see the refusal test).</summary>
    private static readonly string[] MoneyRules =
    [
        "sum(price of purchases WHERE brand = 'apple' IN LAST 90d) > 500",
        "avg(price of purchases) > 50 OR max(price of purchases SINCE 2024-01-01) >= 100",
        "sum(price of purchases IN LAST 30d) = 0",
    ];

    private static List<Customer> Customers()
    {
        var edge = Now.AddDays(-30);
        var id = 0;
        Order O(DateTime at, decimal total, string? brand) => new() { Id = ++id, PlacedAt = at, Total = total, Brand = brand };
        return
        [
            new() { Id = 1, Orders = [O(Now.AddDays(-1), 600m, "apple"), O(edge, 20m, "samsung")] },               // on the window's start
            new() { Id = 2, Orders = [O(edge.AddSeconds(-1), 10m, "apple"), O(Now.AddHours(-1), 5m, "Apple")] },     // a second before it; case
            new() { Id = 3, Orders = [O(Now, 100m, "apple"), O(Now.AddDays(3), 100m, "apple")], IsVip = true },       // at now() and after
            new() { Id = 4, Orders = [] },
            new() { Id = 5, Orders = [O(Now.AddDays(-200), 99.99m, null), O(Now.AddDays(-20), 0m, "")] },             // NULL (before 2024) and empty (NULL too) brands
            new() { Id = 6, Orders = [O(Now.AddDays(-50), 250.01m, "Äpfel"), O(Now.AddDays(-5), 49.99m, "apple"), O(Now.AddDays(-3), 0.01m, "zte")] },
        ];
    }

    /// <summary>The reference: the rule on the customer's metrics and its orders as purchase events.</summary>
    private static List<int> Reference(Rule rule, RuleClock clock, IEnumerable<Customer> customers) =>
    [
        .. customers.Where(c => rule.Evaluate(
                rule.Metrics.ToDictionary(m => m.Name, m => m.Name == "is_vip" ? (object?)c.IsVip : throw new InvalidOperationException(m.Name)),
                [.. c.Orders.Select(o => new RuleEvent(o.PlacedAt, "purchase", 1, 1, null, o.Brand, o.Total, null))],
                clock) == TruthValue.True)
            .Select(c => c.Id).Order(),
    ];

    private static void RulesSelectTheReference(DeveloperContext context, IEnumerable<string> rules)
    {
        context.Database.EnsureCreated();
        var customers = Customers();
        context.Customers.AddRange(customers);
        context.SaveChanges();
        var clock = RuleClock.AtInstant(Now);
        var selected = 0;
        foreach (var text in rules)
        {
            var rule = Rule.Parse(text, DeveloperCatalog.Instance).Rule ?? throw new InvalidOperationException(text);
            var members = context.Customers.WhereRule(rule, clock);
            Assert.True(members.Succeeded, $"{text}: {string.Join("; ", members.Diagnostics)}");
            var expected = Reference(rule, clock, customers);
            Assert.Equal(expected, [.. members.Output.Select(c => c.Id).OrderBy(id => id)]);
            selected += expected.Count > 0 && expected.Count < customers.Count ? 1 : 0;
        }

        Assert.True(selected >= rules.Count() - 1, "the customers should split nearly every rule");
    }

    [Theory]
    [InlineData("Pacific/Chatham")]
    [InlineData("Europe/Berlin")]
    public void PostgreSql_computes_the_aggregates_over_the_orders_as_the_reference(string zone)
    {
        using var context = new DeveloperContext(new DbContextOptionsBuilder().UseNpgsql(UserLikeDatabase.Create(postgres.Value.ConnectionString, zone)).Options);
        RulesSelectTheReference(context, [.. Rules, .. MoneyRules]);
        var sql = context.Customers.WhereRule(Rule.Parse(Rules[0], DeveloperCatalog.Instance).Rule!, RuleClock.AtInstant(Now)).GetOutputOrThrow().ToQueryString();
        Assert.Contains("FROM \"Order\"", sql, StringComparison.Ordinal); // a correlated subquery in the database, not the orders loaded
    }

    [Fact]
    public void Sqlite_computes_the_aggregates_over_the_orders_as_the_reference()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var context = new DeveloperContext(new DbContextOptionsBuilder().UseSqlite(connection).Options);
        RulesSelectTheReference(context, Rules);
    }

    [Theory]
    [InlineData("sum(price of purchases) > 1", "SUM of a money field over a collection of events")]
    [InlineData("avg(price of purchases) > 1", "AVG of a money field over a collection of events")]
    public void What_sqlite_cannot_aggregate_exactly_is_a_diagnostic(string text, string construct)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var context = new DeveloperContext(new DbContextOptionsBuilder().UseSqlite(connection).Options);
        var diagnostic = Assert.Single(context.Customers.WhereRule(Rule.Parse(text, DeveloperCatalog.Instance).Rule!, RuleClock.AtInstant(Now)).Diagnostics);
        Assert.Equal(DiagnosticCodes.Target, diagnostic.Code);
        Assert.StartsWith(construct, diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith("cannot be translated exactly by EF Core (SQLite)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_of_a_text_field_is_refused_where_the_database_orders_texts_by_its_collation()
    {
        using var context = new DeveloperContext(new DbContextOptionsBuilder().UseNpgsql(UserLikeDatabase.Create(postgres.Value.ConnectionString, "UTC")).Options);
        var result = context.Customers.WhereRule(Rule.Parse("min(brand of purchases) < 'b'", DeveloperCatalog.Instance).Rule!, RuleClock.AtInstant(Now));
        Assert.StartsWith("MIN of a text field over a collection of events", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }
}
