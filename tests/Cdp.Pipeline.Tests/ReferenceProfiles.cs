using Cdp.Pipeline.Events;
using Cdp.Rules.Runtime;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// Profile metrics computed the plain way, straight from docs/metrics.md over the raw events: the
/// independent answer the ETL's generated SQL is compared with.
/// </summary>
internal static class ReferenceProfiles
{
    public static Dictionary<long, Dictionary<string, object?>> Compute(IEnumerable<CommerceEvent> all, DateOnly asOf)
    {
        var result = new Dictionary<long, Dictionary<string, object?>>();
        foreach (var user in all.Where(e => e.EventDate <= asOf).GroupBy(e => e.UserId))
        {
            var events = user.ToList();
            List<CommerceEvent> Window(int days) => events.Where(e => e.EventDate >= asOf.AddDays(-(days - 1))).ToList();
            var d7 = Window(7);
            var d30 = Window(30);
            long Count(IEnumerable<CommerceEvent> source, EventType? type = null) => source.LongCount(e => type is null || e.EventType == type);
            long Distinct<T>(IEnumerable<CommerceEvent> source, Func<CommerceEvent, T?> field) => source.Select(field).Where(v => v is not null).Distinct().LongCount();
            decimal Spend(IEnumerable<CommerceEvent> source) => source.Where(e => e.EventType == EventType.Purchase).Sum(e => e.Price);
            string? Top(Func<CommerceEvent, string?> field) => d30.Select(field).Where(v => v is not null).GroupBy(v => v!)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();

            var views30 = Count(d30, EventType.View);
            var orders30 = Distinct(d30.Where(e => e.EventType == EventType.Purchase), e => e.UserSession);
            var purchasesTotal = Count(events, EventType.Purchase);
            var lastSeen = events.Max(e => e.EventTime);
            DateTime? lastPurchase = purchasesTotal > 0 ? events.Where(e => e.EventType == EventType.Purchase).Max(e => e.EventTime) : null;
            var viewed = d30.Where(e => e.EventType == EventType.View && e.CategoryCode is not null).Select(e => e.CategoryCode!).Distinct()
                .Order(StringComparer.Ordinal).ToArray();
            result[user.Key] = new Dictionary<string, object?>
            {
                ["events_7d"] = Count(d7),
                ["events_30d"] = Count(d30),
                ["events_total"] = Count(events),
                ["views_7d"] = Count(d7, EventType.View),
                ["views_30d"] = views30,
                ["carts_7d"] = Count(d7, EventType.Cart),
                ["carts_30d"] = Count(d30, EventType.Cart),
                ["removes_30d"] = Count(d30, EventType.RemoveFromCart),
                ["purchases_7d"] = Count(d7, EventType.Purchase),
                ["purchases_30d"] = Count(d30, EventType.Purchase),
                ["purchases_total"] = purchasesTotal,
                ["sessions_7d"] = Distinct(d7, e => e.UserSession),
                ["sessions_30d"] = Distinct(d30, e => e.UserSession),
                ["orders_30d"] = orders30,
                ["spend_7d"] = Spend(d7),
                ["spend_30d"] = Spend(d30),
                ["spend_total"] = Spend(events),
                ["cart_rate"] = views30 == 0 ? null : (double)Count(d30, EventType.Cart) / views30,
                ["conversion_rate"] = views30 == 0 ? null : (double)Count(d30, EventType.Purchase) / views30,
                ["avg_order_value"] = orders30 == 0 ? null : RuleSemantics.MoneyToNumber(Spend(d30)) / orders30,
                ["distinct_products_30d"] = Distinct(d30, e => (long?)e.ProductId),
                ["distinct_brands_30d"] = Distinct(d30, e => e.Brand),
                ["distinct_categories_30d"] = Distinct(d30, e => e.CategoryCode),
                ["top_category_30d"] = Top(e => e.CategoryCode),
                ["top_brand_30d"] = Top(e => e.Brand),
                ["viewed_categories_30d"] = viewed.Length == 0 ? null : viewed,
                ["first_seen_at"] = events.Min(e => e.EventTime),
                ["last_seen_at"] = lastSeen,
                ["last_purchase_at"] = lastPurchase,
                ["days_since_last_event"] = (long)(asOf.DayNumber - DateOnly.FromDateTime(lastSeen).DayNumber),
                ["days_since_last_purchase"] = lastPurchase is { } p ? (long)(asOf.DayNumber - DateOnly.FromDateTime(p).DayNumber) : null,
                ["is_buyer"] = purchasesTotal > 0,
            };
        }

        return result;
    }
}
