using Cdp.Rules;

// The catalog is your class, declared once: LoginCount30d is the metric login_count_30d, and so on.
var catalog = MetricCatalog.FromType<Customer>();

// A marketer's mistakes come back as values, all at once, with where they are and a fix.
foreach (var diagnostic in Rule.Parse("login_cont_30d > 3 AND country = 49", catalog).Diagnostics)
{
    Console.WriteLine(diagnostic);
}

var rule = Rule.Parse("login_count_30d > 3 AND (lifetime_value >= 100 OR last_order_at >= now() - 30d)", catalog).Rule!;

// Compile once and keep it (rules are immutable and safe to share); ask with the clock of the moment,
// RuleClock.From(TimeProvider.System) in production.
var segment = LinqTarget.Prepare<Customer>(rule).GetOutputOrThrow();
var clock = RuleClock.AtInstant(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
Customer[] customers =
[
    new() { Id = 1, LoginCount30d = 5, LifetimeValue = 250m },
    new() { Id = 2, LoginCount30d = 9, LifetimeValue = 20m, LastOrderAt = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc) },
    new() { Id = 3, LoginCount30d = 4, LifetimeValue = 0m, LastOrderAt = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc) },
];
Console.WriteLine("members: " + string.Join(", ", customers.Where(segment.At(clock)).Select(c => c.Id)));

// Why is customer 2 out?
Console.Write(rule.Explain(customers[1], clock));

// The same rule for your PostgreSQL table: query.ApplyTo(command) sets the text and binds each value as a
// typed parameter, so a timestamp means the same instant on a server in any time zone.
var query = SqlTarget.Select(rule, SqlDialect.PostgreSql, clock, "customers", idColumn: "id");
Console.WriteLine(query.Text);

public sealed class Customer
{
    public long Id { get; init; }
    public int LoginCount30d { get; init; }
    public decimal LifetimeValue { get; init; }
    public string? Country { get; init; }
    public DateTime? LastOrderAt { get; init; }
}
