using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Pipeline.Store.Explore;

/// <summary>Which profiles to show: an id search, a rule filter, the metric to sort by, and the page.</summary>
/// <param name="Search">Digits: user_ids that start with them.</param>
/// <param name="Filter">Only profiles where this rule is TRUE.</param>
/// <param name="Sort">A metric of the catalog, or <c>user_id</c> (the default).</param>
public sealed record ProfilePageRequest(string? Search, Rule? Filter, RuleClock Clock, string? Sort, bool Descending, int Offset, int Limit);

/// <summary>One page of profiles and how many match in all.</summary>
public sealed record ProfilePage(long Total, IReadOnlyList<ProfileRow> Rows);

/// <summary>One customer's activity on one day, from the daily aggregates.</summary>
public sealed record CustomerDay(DateOnly Date, long Events, long Views, long Carts, long Removes, long Purchases, decimal Spend, long Sessions);

/// <summary>One event of a customer, as the lake holds it.</summary>
public sealed record CustomerEvent(DateTime Time, string Type, long ProductId, string? CategoryCode, string? Brand, decimal Price, string? Session);

/// <summary>The whole store on one day: active customers, buyers, revenue, events.</summary>
public sealed record StoreDay(DateOnly Date, long Customers, long Buyers, decimal Revenue, long Events, long Purchases);
