namespace Cdp.Rules.Tests.LanguageV2;

/// <summary>
/// Every aggregate the reference computes equals a plain C# computation written from the contract's words, on
/// generated histories (the way the catalog's metrics are checked against ReferenceProfiles).
/// </summary>
public class AggregateSpecProperties
{
    private static readonly DateTime Now = new(2019, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Before now(), and at or after its start.</summary>
    private static IEnumerable<RuleEvent> In(IEnumerable<RuleEvent> events, DateTime? from = null) =>
        events.Where(e => e.EventTime < Now && (from is null || e.EventTime >= from));

    private static IEnumerable<RuleEvent> Of(IEnumerable<RuleEvent> events, string type) => events.Where(e => e.EventType == type);

    private static string? Null(string? text) => string.IsNullOrEmpty(text) ? null : text;

    public static TheoryData<string> Aggregates => [.. Cases.Keys];

    private static readonly Dictionary<string, Func<IReadOnlyList<RuleEvent>, object?>> Cases = new()
    {
        ["count(purchases in last 30d)"] = es => (long)Of(In(es, Now.AddDays(-30)), "purchase").Count(),
        ["count(events)"] = es => (long)In(es).Count(),
        ["count(views where brand = 'apple' in last 7d)"] = es => (long)Of(In(es, Now.AddDays(-7)), "view").Count(e => Null(e.Brand) == "apple"),
        ["count(carts where brand != 'apple')"] = es => (long)Of(In(es), "cart").Count(e => Null(e.Brand) is { } b && b != "apple"),
        ["count(distinct user_session of events in last 7d)"] = es => (long)In(es, Now.AddDays(-7)).Select(e => Null(e.UserSession)).Where(s => s is not null).Distinct().Count(),
        ["count(distinct brand of purchases)"] = es => (long)Of(In(es), "purchase").Select(e => Null(e.Brand)).Where(s => s is not null).Distinct().Count(),
        ["sum(price of purchases where category_code starts with 'electronics' in last 14d)"] = es =>
            Of(In(es, Now.AddDays(-14)), "purchase").Where(e => Null(e.CategoryCode)?.StartsWith("electronics", StringComparison.Ordinal) == true).Sum(e => e.Price),
        ["sum(product_id of removals)"] = es => Of(In(es), "remove_from_cart").Sum(e => e.ProductId),
        ["avg(price of purchases)"] = es => Of(In(es), "purchase").ToList() is { Count: > 0 } p ? (double)(p.Sum(e => e.Price) / p.Count) : null,
        ["min(brand of views)"] = es => Of(In(es), "view").Select(e => Null(e.Brand)).Where(b => b is not null).Order(StringComparer.Ordinal).FirstOrDefault(),
        ["max(price of carts)"] = es => Of(In(es), "cart").Select(e => (decimal?)e.Price).Max(),
        ["max(event_time of purchases since 2019-10-20)"] = es => Of(In(es, new DateTime(2019, 10, 20, 0, 0, 0, DateTimeKind.Utc)), "purchase").Select(e => (DateTime?)e.EventTime).Max(),
        ["first(views)"] = es => Of(In(es), "view").Select(e => (DateTime?)e.EventTime).Min(),
        ["last(purchases where price = 0)"] = es => Of(In(es), "purchase").Where(e => e.Price == 0).Select(e => (DateTime?)e.EventTime).Max(),
        ["last(events since now() - 30d)"] = es => In(es, Now.AddDays(-30)).Select(e => (DateTime?)e.EventTime).Max(),
    };

    [Theory]
    [MemberData(nameof(Aggregates))]
    public void The_reference_computes_what_the_contract_says(string aggregate)
    {
        var rule = V2Catalog.Parse($"{aggregate} IS NULL OR {aggregate} IS NOT NULL");
        var name = Assert.Single(rule.Aggregates).Name;
        foreach (var (id, events) in EventHistories.Generate(seed: 17, customers: 400))
        {
            var expected = Cases[aggregate](events);
            var actual = rule.ComputeAggregates(events, EventHistories.Clock)[name];
            Assert.True(Equals(expected, actual) || (expected is double x && actual is double y && Math.Abs(x - y) <= Math.Abs(x) * 1e-15),
                $"customer {id}: {aggregate} is {actual ?? "NULL"} ({actual?.GetType().Name}), the contract says {expected ?? "NULL"} ({expected?.GetType().Name})");
        }
    }
}
