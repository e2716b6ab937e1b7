using Cdp.Rules;
using Microsoft.EntityFrameworkCore;

using var db = new ShopContext();
db.Database.OpenConnection();   // SQLite in memory lives as long as its connection
db.Database.EnsureCreated();
db.Customers.AddRange(
    new Customer { Id = 1, Country = "DE", LifetimeValue = 250m, LastOrderAt = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc) },
    new Customer { Id = 2, Country = "de", LifetimeValue = 250m },
    new Customer { Id = 3, Country = "NZ", LifetimeValue = 99.99m, LastOrderAt = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc) });
db.SaveChanges();

var catalog = MetricCatalog.FromType<Customer>();
var clock = RuleClock.AtInstant(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));

var rule = Rule.Parse("country = 'DE' OR (lifetime_value < 100 AND last_order_at >= now() - 7d)", catalog).Rule!;
var members = db.Customers.WhereRule(rule, clock).GetOutputOrThrow();
Console.WriteLine("members: " + string.Join(", ", members.OrderBy(c => c.Id).Select(c => c.Id)));

// SQLite rounds decimal division in floating point, so the rule is refused before any query runs.
var refused = Rule.Parse("lifetime_value / 3 > 80", catalog).Rule!;
foreach (var diagnostic in db.Customers.WhereRule(refused, clock).Diagnostics)
{
    Console.WriteLine(diagnostic);
}

public sealed class Customer
{
    public int Id { get; set; }
    public string? Country { get; set; }
    public decimal LifetimeValue { get; set; }
    public DateTime? LastOrderAt { get; set; }
}

public sealed class ShopContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlite("Data Source=:memory:");
}
