using Cdp.Rules.Backends.Tests.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cdp.Rules.Backends.Tests.EntityFramework;

/// <summary>
/// A developer's own entity through EF Core, the way the package README shows it: everyday rules run on SQLite and
/// on PostgreSQL servers in other time zones (both daylight-saving edges of Berlin, Chatham at +13:45) and select
/// the reference evaluator's customers; what a provider cannot do is a diagnostic before any query runs.
/// </summary>
public sealed class DeveloperWorldTests(SharedFixture<PostgresServer> postgres) : IClassFixture<SharedFixture<PostgresServer>>
{
    private static readonly string[] EverydayRules =
    [
        "last_order_at >= now() - 30d",
        "last_order_at < now() - 30d OR last_order_at IS NULL",
        "last_order_at BETWEEN now() - 30d AND now() AND lifetime_value >= 100",
        "coalesce(last_order_at, now() - 365d) > now() - 30d - 1h AND country IN ('DE', 'NZ')",
        "login_count_30d > 3 AND (lifetime_value >= 99.99 OR is_vip)",
        "NOT (churn_score >= 0.5) AND country != 'CA'",
        "lower(country) = 'de' OR country STARTS WITH 'N' OR country ENDS WITH 'a'",
        "country < 'a' AND country CONTAINS 'Z'",
        "login_count_30d * 2 + 1 >= 1 AND lifetime_value - 0.01 * login_count_30d > 99.95",
        "login_count_30d / 2 >= 1.5 OR churn_score IS NULL",
        "abs(lifetime_value - 100) <= 0.01 AND -login_count_30d < 0",
    ];

    /// <summary>Rules PostgreSQL runs and SQLite refuses (money division rounds in floating point there).</summary>
    private static readonly string[] PostgreSqlRules = ["lifetime_value / 3 > 33.33 OR lifetime_value / login_count_30d >= 25"];

    public static TheoryData<string, string> Zones => new()
    {
        { "Europe/Berlin", "2024-03-31T01:30:00Z" },   // Berlin moves its clocks at 01:00Z this day
        { "Europe/Berlin", "2024-10-27T00:45:00Z" },   // and back at 01:00Z this one
        { "Pacific/Chatham", "2024-06-01T12:00:00Z" },
    };

    /// <summary>Customers around the window's edge (30 minutes and a second either side of now() - 30d, and on it), NULLs, and texts whose order depends on the collation.</summary>
    private static List<Customer> Customers(DateTime now)
    {
        var edge = now.AddDays(-30);
        return
        [
            new() { Id = 1, LastOrderAt = now.AddDays(-1), LifetimeValue = 10.50m, Country = "DE", LoginCount30d = 5, ChurnScore = 0.1 },
            new() { Id = 2, LastOrderAt = edge.AddMinutes(-30), LifetimeValue = 99.99m, Country = "de", LoginCount30d = 4, IsVip = true },
            new() { Id = 3, LastOrderAt = edge.AddSeconds(-1), LifetimeValue = 100.00m, Country = "NZ", ChurnScore = 0.5 },
            new() { Id = 4, LastOrderAt = edge, LifetimeValue = 100.01m, Country = "NZ", LoginCount30d = 1, ChurnScore = 0.49 },
            new() { Id = 5, LastOrderAt = edge.AddMinutes(30), LifetimeValue = 0m, Country = null, LoginCount30d = 2 },
            new() { Id = 6, LastOrderAt = null, LifetimeValue = 5000m, Country = "CA", LoginCount30d = 9, ChurnScore = 0.9 },
            new() { Id = 7, LastOrderAt = edge.AddSeconds(1), LifetimeValue = 99.99m, Country = "Zambia", LoginCount30d = 3 },
            new() { Id = 8, LastOrderAt = now.AddHours(-2), LifetimeValue = 300m, Country = "Ärmelkanal", LoginCount30d = 0, IsVip = true },
            new() { Id = 9, LastOrderAt = now.AddDays(-400), LifetimeValue = 100.02m, Country = "ZA", LoginCount30d = 12, ChurnScore = 0.2 },
        ];
    }

    private static List<int> Reference(Rule rule, RuleClock clock, IEnumerable<Customer> customers) =>
        [.. customers.Where(c => rule.Evaluate(c, clock) == TruthValue.True).Select(c => c.Id).Order()];

    [Theory]
    [MemberData(nameof(Zones))]
    public void PostgreSql_in_another_time_zone_and_collation_selects_the_reference_members(string zone, string instant)
    {
        var now = DateTime.Parse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        using var context = new DeveloperContext(new DbContextOptionsBuilder().UseNpgsql(UserLikeDatabase.Create(postgres.Value.ConnectionString, zone)).Options);
        RulesSelectTheReference(context, now, [.. EverydayRules, .. PostgreSqlRules]);
    }

    [Fact]
    public void Sqlite_selects_the_reference_members()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var context = new DeveloperContext(new DbContextOptionsBuilder().UseSqlite(connection).Options);
        RulesSelectTheReference(context, new DateTime(2024, 3, 31, 1, 30, 0, DateTimeKind.Utc), EverydayRules);
    }

    private static void RulesSelectTheReference(DeveloperContext context, DateTime now, IEnumerable<string> rules)
    {
        context.Database.EnsureCreated();
        var customers = Customers(now);
        context.Customers.AddRange(customers);
        context.SaveChanges();
        var clock = RuleClock.AtInstant(now);
        foreach (var text in rules)
        {
            var rule = Rule.Parse(text, DeveloperCatalog.Instance).Rule ?? throw new InvalidOperationException(text);
            var members = context.Customers.WhereRule(rule, clock);
            Assert.True(members.Succeeded, $"{text}: {string.Join("; ", members.Diagnostics)}");
            Assert.Equal(Reference(rule, clock, customers), [.. members.Output.Select(c => c.Id).OrderBy(id => id)]);
        }
    }

    [Fact]
    public void A_timestamp_without_time_zone_column_is_refused_naming_the_column_type()
    {
        using var context = new WallClockDeveloperContext(new DbContextOptionsBuilder().UseNpgsql(UserLikeDatabase.Create(postgres.Value.ConnectionString, "Europe/Berlin")).Options);
        var rule = Rule.Parse("last_order_at >= now() - 30d", DeveloperCatalog.Instance).Rule!;
        var result = context.Customers.WhereRule(rule, RuleClock.AtInstant(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc)));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("last_order_at", diagnostic.Found);
        Assert.Contains("Customer.LastOrderAt", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("timestamp without time zone", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("EF Core (PostgreSQL)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lifetime_value / login_count_30d > 1", "money division")]
    [InlineData("lifetime_value > churn_score", "money read as a number")]
    [InlineData("last_order_at + 7d > now()", "arithmetic on a stored time or duration")]
    [InlineData("days_since(last_order_at) > 30", "days_since of a stored value")]
    public void What_sqlite_cannot_compute_exactly_is_a_diagnostic_at_its_sub_rule(string text, string construct)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var context = new DeveloperContext(new DbContextOptionsBuilder().UseSqlite(connection).Options);
        var rule = Rule.Parse(text, DeveloperCatalog.Instance).Rule!;
        var diagnostic = Assert.Single(context.Customers.WhereRule(rule, RuleClock.AsOfDate(new DateOnly(2024, 6, 1))).Diagnostics);
        Assert.Equal(DiagnosticCodes.Target, diagnostic.Code);
        Assert.StartsWith(construct + " (`", diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith("cannot be translated exactly by EF Core (SQLite)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(1, diagnostic.Column);
    }

    [Fact]
    public void A_provider_without_a_dialect_is_a_diagnostic_naming_it()
    {
        using var context = new DeveloperContext(new DbContextOptionsBuilder().UseInMemoryDatabase("no-sql").Options);
        var rule = Rule.Parse("is_vip", DeveloperCatalog.Instance).Rule!;
        var diagnostic = Assert.Single(EntityFrameworkTarget.ToExpression<Customer>(context, rule, RuleClock.AsOfDate(new DateOnly(2024, 6, 1))).Diagnostics);
        Assert.Contains("has no rule dialect", diagnostic.Message, StringComparison.Ordinal);
    }
}
