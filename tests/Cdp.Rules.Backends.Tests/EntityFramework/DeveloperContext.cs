using Microsoft.EntityFrameworkCore;

namespace Cdp.Rules.Backends.Tests.EntityFramework;

/// <summary>A developer's own customer, as the first users brought one (their names, their types).</summary>
public sealed class Customer
{
    public int Id { get; set; }
    public int LoginCount30d { get; set; }
    public decimal LifetimeValue { get; set; }
    public string? Country { get; set; }
    public bool IsVip { get; set; }
    public DateTime? LastOrderAt { get; set; }
    public double? ChurnScore { get; set; }

    /// <summary>The customer's orders: purchases, computed over as a correlated subquery by v2 aggregates.</summary>
    [Events(Cdp.Rules.Syntax.EventKind.Purchases)]
    public List<Order> Orders { get; set; } = [];
}

/// <summary>An order, with the developer's names: placed_at is the event's time, total its price.</summary>
public sealed class Order
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    [Metric("event_time")] public DateTime PlacedAt { get; set; }
    [Metric("price")] public decimal Total { get; set; }
    public string? Brand { get; set; }
}

/// <summary>The developer's context, mapped by EF Core's conventions (DateTime is <c>timestamp with time zone</c> on Npgsql).</summary>
public class DeveloperContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var customer = modelBuilder.Entity<Customer>();
        customer.Property(c => c.Id).ValueGeneratedNever();
        customer.Property(c => c.LifetimeValue).HasPrecision(18, 2);
        var order = modelBuilder.Entity<Order>();
        order.Property(o => o.Id).ValueGeneratedNever();
        order.Property(o => o.Total).HasPrecision(18, 2);
    }
}

/// <summary>The same, with LastOrderAt in a <c>timestamp without time zone</c> column (a type of its own, since EF Core keeps one model per context type).</summary>
public sealed class WallClockDeveloperContext(DbContextOptions options) : DeveloperContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Customer>().Property(c => c.LastOrderAt).HasColumnType("timestamp without time zone");
    }
}
