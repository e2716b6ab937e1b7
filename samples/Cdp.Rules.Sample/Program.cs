// A developer's first use of the Cdp.Rules package: parse a marketer's rule, show the mistakes
// of a bad one, select customers from their own profile objects, explain one of them, and give the rule as a MongoDB filter.
using Cdp.Rules;
using MongoDB.Bson;

var typo = Rule.Parse("sesions_7d > 3 && cart_rate >= 0.2");
foreach (var diagnostic in typo.Diagnostics)
{
    Console.WriteLine($"diagnostic {diagnostic}");
}

var parsed = Rule.Parse("sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)");
if (!parsed.Succeeded)
{
    return 1;
}

var clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
var isMember = LinqTarget.Compile<Customer>(parsed.Rule, clock).GetOutputOrThrow();

Customer[] customers =
[
    new(1, Sessions7d: 5, CartRate: 0.25, Spend30d: 0m),
    new(2, Sessions7d: 5, CartRate: null, Spend30d: 120m),
    new(3, Sessions7d: 9, CartRate: null, Spend30d: 10m),
    new(4, Sessions7d: 2, CartRate: 0.90, Spend30d: 999m),
];

var members = customers.Where(isMember).Select(c => c.UserId).ToList();
Console.WriteLine($"rule {parsed.Rule}");
Console.WriteLine($"members {string.Join(",", members)}");

var row = new Dictionary<string, object?> { ["sessions_7d"] = 9L, ["cart_rate"] = null, ["spend_30d"] = 10m };
Console.Write(parsed.Rule.Explain(row, clock));

// The same rule as a MongoDB filter, from the Cdp.Rules.Mongo package (which sees only Cdp.Rules' public API).
var filter = MongoTarget.ToFilter(parsed.Rule, clock).GetOutputOrThrow().ToJson();
Console.WriteLine($"mongo {filter}");

return members.SequenceEqual([1L, 2L]) && filter.Contains("sessions_7d", StringComparison.Ordinal) ? 0 : 1;

/// <summary>The developer's own profile type: properties bind to metrics by name.</summary>
public sealed record Customer(long UserId, long Sessions7d, double? CartRate, decimal Spend30d);
