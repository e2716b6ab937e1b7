using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.LanguageV2;

/// <summary>
/// LINQ over a developer's own types: a rule's aggregates computed over the profile's collection of events (no derived
/// column), selecting exactly the reference's members for every written and generated v2 rule; a collection of one
/// kind (<c>[Events(EventKind.Purchases)] Orders</c>); the window's edges; what cannot be bound is a diagnostic.
/// </summary>
public class LinqOverEventsTests
{
    /// <summary>An event as a developer's class holds it: the fields by convention.</summary>
    public sealed class ShopEvent
    {
        public DateTime EventTime { get; init; }
        public string EventType { get; init; } = "";
        public long ProductId { get; init; }
        public long CategoryId { get; init; }
        public string? CategoryCode { get; init; }
        public string? Brand { get; init; }
        public decimal Price { get; init; }
        public string? UserSession { get; init; }
    }

    public sealed class ShopCustomer
    {
        public long Id { get; init; }
        [Metric("spend_30d")] public decimal? Spend { get; init; }
        public bool? IsBuyer { get; init; }
        public List<ShopEvent> Events { get; init; } = [];
    }

    /// <summary>The issue's own example: orders are purchases, with names of the developer's choosing.</summary>
    public sealed class Order
    {
        [Metric("event_time")] public DateTime PlacedAt { get; init; }
        [Metric("price")] public decimal Total { get; init; }
        public string? Brand { get; init; }
    }

    public sealed class Buyer
    {
        public long Id { get; init; }
        [Events(EventKind.Purchases)] public List<Order> Orders { get; init; } = [];
    }

    private static readonly IReadOnlyList<V2Rules.Customer> Customers = V2Rules.Customers(seed: 29, count: 300);

    private static readonly List<ShopCustomer> Shop = AsShopCustomers(Customers);

    /// <summary>The generated customers as a developer's own objects: metrics as properties, events as a collection.</summary>
    public static List<ShopCustomer> AsShopCustomers(IEnumerable<V2Rules.Customer> customers) => [.. customers.Select(c => new ShopCustomer
    {
        Id = c.Id,
        Spend = c.Spend,
        IsBuyer = c.IsBuyer,
        Events = [.. c.Events.Select(e => new ShopEvent
        {
            EventTime = e.EventTime, EventType = e.EventType, ProductId = e.ProductId, CategoryId = e.CategoryId,
            CategoryCode = e.CategoryCode, Brand = e.Brand, Price = e.Price, UserSession = e.UserSession,
        })],
    })];

    /// <summary>The written and generated v2 rules that read no segment (a segment's membership is not in a developer's events).</summary>
    public static TheoryData<string> Texts => [.. V2Rules.Texts.Concat(V2RuleTexts.Generate(seed: 47, count: 150))
        .Where(t => !t.Contains("in_segment", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Aggregates_over_the_profiles_events_select_the_reference_members(string text)
    {
        var rule = Rule.Parse(text, V2Rules.Profiles, V2Rules.Options).Rule!;
        var expected = V2Rules.ReferenceMembers(rule, Customers);

        var compiled = LinqTarget.Compile<ShopCustomer>(rule, EventHistories.Clock);
        var prepared = LinqTarget.Prepare<ShopCustomer>(rule).GetOutputOrThrow();

        Assert.Empty(compiled.Diagnostics);
        Assert.Equal(expected, Shop.Where(compiled.Output!).Select(c => c.Id));
        Assert.Equal(expected, Shop.Where(c => prepared.IsMember(c, EventHistories.Clock)).Select(c => c.Id));
    }

    [Fact]
    public void A_collection_of_one_kind_needs_no_event_type_and_the_window_includes_its_start_and_excludes_now()
    {
        var now = EventHistories.Clock.Now;
        Order At(DateTime time, decimal total = 10m, string? brand = "apple") => new() { PlacedAt = time, Total = total, Brand = brand };
        var buyers = new List<Buyer>
        {
            new() { Id = 1, Orders = [At(now.AddDays(-30)), At(now.AddSeconds(-1))] },               // both inside the 30 days
            new() { Id = 2, Orders = [At(now.AddDays(-30).AddTicks(-1)), At(now.AddSeconds(-1))] },  // one a tick before the window
            new() { Id = 3, Orders = [At(now), At(now.AddDays(1)), At(now.AddDays(-1))] },           // at now() and after do not count
            new() { Id = 4, Orders = [] },
        };
        var catalog = MetricCatalog.FromType<Buyer>();

        IEnumerable<long> Select(string text) => buyers.Where(LinqTarget.Compile<Buyer>(Rule.Parse(text, catalog).Rule!, EventHistories.Clock).GetOutputOrThrow()).Select(b => b.Id);

        Assert.Equal([1], Select("count(purchases IN LAST 30d) >= 2"));
        Assert.Equal([2, 3], Select("sum(price of purchases WHERE brand = 'apple' IN LAST 30d) = 10"));
        Assert.Equal([4], Select("last(purchases) IS NULL"));
        Assert.Equal([3], Select("first(purchases) > now() - 2d"));
        Assert.Equal([1, 2, 3], Select("avg(price of purchases) = 10 AND max(brand of purchases) = 'apple'"));
    }

    [Fact]
    public void A_kind_the_profile_holds_no_events_of_and_an_unbound_field_are_diagnostics()
    {
        var catalog = MetricCatalog.FromType<Buyer>();

        var views = LinqTarget.ToExpression<Buyer>(Rule.Parse("count(views) > 1", catalog).Rule!, EventHistories.Clock);
        var session = LinqTarget.ToExpression<Buyer>(Rule.Parse("count(distinct user_session of purchases) > 1", catalog).Rule!, EventHistories.Clock);

        Assert.Equal(DiagnosticCodes.MissingDerivedColumn, Assert.Single(views.Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.Target, Assert.Single(session.Diagnostics).Code);
        Assert.Contains("user_session", session.Diagnostics[0].Message, StringComparison.Ordinal);
    }
}
