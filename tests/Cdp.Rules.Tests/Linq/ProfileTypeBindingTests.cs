using Cdp.Rules.Syntax;
using static Cdp.Rules.Tests.LanguageV2.LinqOverEventsTests;

namespace Cdp.Rules.Tests.Linq;

/// <summary>
/// What of a developer's profile class is read: public instance properties that can be read and public fields (never
/// an indexer, a write-only or a static property); narrower CLR types widened to the metric's (int, short, byte to
/// int; float to number), a DateTimeOffset read at its UTC instant; and the collection of events found by attribute,
/// by the kind's name, or by the name `events`, whether it is a property or a field, a list or a bare IEnumerable.
/// </summary>
public class ProfileTypeBindingTests
{
    private static readonly RuleClock Clock = RuleClock.AtInstant(new DateTime(2019, 10, 31, 0, 30, 0, DateTimeKind.Utc));

    public sealed class Shapes
    {
        public long? Visits;
        public decimal? Spend { get; init; }
        public long this[int i] => i;
        public long Hidden { set { } }
        public static long Shared => 1;
        private long Private => 2;
        public long Seen() => Private;
    }

    public sealed class Narrow
    {
        public int Visits { get; init; }
        public short Small { get; init; }
        public byte Tiny { get; init; }
        public float? Rate { get; init; }
        public DateTimeOffset SeenAt { get; init; }
        public string[] Tags { get; init; } = [];
        public int Labels { get; init; }
    }

    public sealed class EventsAsField
    {
        public long Id;
        public List<ShopEvent> Events = [];
    }

    public sealed class EventsAsEnumerable
    {
        public long Id { get; init; }
        public IEnumerable<ShopEvent> Events { get; init; } = [];
    }

    public sealed class EventsMarked
    {
        public long Id { get; init; }
        [Events] public List<ShopEvent> History { get; init; } = [];
    }

    public sealed class PurchasesByName
    {
        public long Id { get; init; }
        public List<Order> Purchases { get; init; } = [];
    }

    [Fact]
    public void The_catalog_of_a_type_has_its_readable_instance_properties_and_its_fields()
    {
        Assert.Equal(["spend", "visits"], MetricCatalog.FromType<Shapes>().Metrics.Select(m => m.Name));
    }

    [Fact]
    public void An_indexer_a_write_only_and_a_static_property_bind_no_metric_and_a_field_does()
    {
        var catalog = new MetricCatalog([new("visits", MetricType.Int, ""), new("item", MetricType.Int, ""), new("hidden", MetricType.Int, ""), new("shared", MetricType.Int, "")]);

        Assert.Equal(
            ["the profile type `Shapes` has no property for metric `item` (name it `Item` or mark one [Metric(\"item\")])",
             "the profile type `Shapes` has no property for metric `hidden` (name it `Hidden` or mark one [Metric(\"hidden\")])",
             "the profile type `Shapes` has no property for metric `shared` (name it `Shared` or mark one [Metric(\"shared\")])"],
            catalog.BindingProblems<Shapes>());
        var rule = Rule.Parse("visits > 3", catalog).Rule!;
        Assert.True(LinqTarget.Compile<Shapes>(rule, Clock).GetOutputOrThrow()(new Shapes { Visits = 4 }));
    }

    [Theory]
    [InlineData("visits > 3", true)]
    [InlineData("visits + small + tiny = 4 + 30000 + 200", true)]
    [InlineData("rate > 0.5 AND rate < 0.76", true)]
    [InlineData("rate * 2 = 1.5", true)]
    [InlineData("seen_at < now()", true)]
    [InlineData("seen_at < now() - 1h", false)]
    [InlineData("tags HAS 'b'", true)]
    public void Narrow_clr_types_are_read_as_the_metric_type(string text, bool member)
    {
        var catalog = new MetricCatalog(
        [
            new("visits", MetricType.Int, ""), new("small", MetricType.Int, ""), new("tiny", MetricType.Int, ""), new("rate", MetricType.Number, ""),
            new("seen_at", MetricType.Timestamp, ""), new("tags", MetricType.TextList, ""),
        ]);
        var profile = new Narrow
        {
            Visits = 4, Small = 30_000, Tiny = 200, Rate = 0.75f, Tags = ["a", "b"],
            SeenAt = new DateTimeOffset(2019, 10, 31, 1, 59, 0, TimeSpan.FromHours(2)), // 23:59 UTC the day before
        };
        var rule = Rule.Parse(text, catalog).Rule!;

        Assert.Equal(member, LinqTarget.Compile<Narrow>(rule, Clock).GetOutputOrThrow()(profile));
        Assert.Equal(member ? TruthValue.True : TruthValue.False, rule.Evaluate(profile, Clock));
    }

    [Fact]
    public void A_property_that_cannot_hold_its_metric_is_a_binding_problem()
    {
        var catalog = new MetricCatalog([new("labels", MetricType.TextList, ""), new("tags", MetricType.Text, ""), new("rate", MetricType.Int, "")]);

        Assert.Equal(
            ["property `Narrow.Labels` is Int32, which cannot hold the text list metric `labels`",
             "property `Narrow.Tags` is String[], which cannot hold the text metric `tags`",
             "property `Narrow.Rate` is Nullable`1, which cannot hold the int metric `rate`"],
            catalog.BindingProblems<Narrow>());
    }

    [Fact]
    public void Events_are_found_as_a_field_as_a_bare_enumerable_marked_or_by_the_kinds_name()
    {
        var now = Clock.Now;
        ShopEvent Purchase(decimal price) => new() { EventTime = now.AddHours(-1), EventType = "purchase", Price = price, Brand = "apple" };
        ShopEvent View() => new() { EventTime = now.AddHours(-1), EventType = "view", Brand = "apple" };
        var catalog = MetricCatalog.FromType<EventsAsField>();
        var rule = Rule.Parse("count(purchases IN LAST 1d) = 2", catalog).Rule!;

        Assert.True(LinqTarget.Compile<EventsAsField>(rule, Clock).GetOutputOrThrow()(new EventsAsField { Events = [Purchase(1), View(), Purchase(2)] }));
        Assert.False(LinqTarget.Compile<EventsAsField>(rule, Clock).GetOutputOrThrow()(new EventsAsField { Events = [Purchase(1), View(), View()] }));
        Assert.True(LinqTarget.Compile<EventsAsEnumerable>(rule, Clock).GetOutputOrThrow()(new EventsAsEnumerable { Events = [Purchase(1), Purchase(2), View()] }));
        Assert.True(LinqTarget.Compile<EventsMarked>(rule, Clock).GetOutputOrThrow()(new EventsMarked { History = [View(), Purchase(1), Purchase(2)] }));

        var brands = new EventsAsField { Events = [Purchase(1), Purchase(2), Purchase(3)] };
        brands.Events[0] = new() { EventTime = now.AddHours(-1), EventType = "purchase", Price = 1, Brand = "samsung" };
        brands.Events[2] = new() { EventTime = now.AddHours(-1), EventType = "purchase", Price = 1, Brand = "xiaomi" };
        foreach (var (text, expected) in new[] { ("max(brand of purchases) = 'xiaomi'", true), ("min(brand of purchases) = 'apple'", true), ("max(brand of purchases) = 'apple'", false) })
        {
            Assert.Equal(expected, LinqTarget.Compile<EventsAsField>(Rule.Parse(text, catalog).Rule!, Clock).GetOutputOrThrow()(brands));
        }

        // A collection named for its kind holds only that kind: its elements need no event type.
        var orders = Rule.Parse("count(purchases IN LAST 1d) = 2", MetricCatalog.FromType<PurchasesByName>()).Rule!;
        var placed = new PurchasesByName { Purchases = [new() { PlacedAt = now.AddHours(-2), Total = 5 }, new() { PlacedAt = now.AddHours(-3), Total = 7 }] };
        Assert.True(LinqTarget.Compile<PurchasesByName>(orders, Clock).GetOutputOrThrow()(placed));
        Assert.Equal(DiagnosticCodes.MissingDerivedColumn, Assert.Single(LinqTarget.ToExpression<PurchasesByName>(
            Rule.Parse("count(views) > 1", MetricCatalog.FromType<PurchasesByName>()).Rule!, Clock, LinqQueryDialect.InMemory).Diagnostics).Code);
    }
}
