namespace Cdp.Rules;

/// <summary>
/// One event of a customer as the v2 aggregates read it (the REES46 fields, docs/rule-language.md "Event aggregates"):
/// empty category codes, brands and sessions are null.
/// </summary>
public sealed record RuleEvent(DateTime EventTime, string EventType, long ProductId, long CategoryId, string? CategoryCode, string? Brand, decimal Price, string? UserSession)
{
    /// <summary>The event's fields by their names in a rule's WHERE, time as UTC.</summary>
    public IReadOnlyDictionary<string, object?> Fields() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["event_time"] = DateTime.SpecifyKind(EventTime, DateTimeKind.Utc),
        ["event_type"] = EventType,
        ["product_id"] = ProductId,
        ["category_id"] = CategoryId,
        ["category_code"] = string.IsNullOrEmpty(CategoryCode) ? null : CategoryCode,
        ["brand"] = string.IsNullOrEmpty(Brand) ? null : Brand,
        ["price"] = Price,
        ["user_session"] = string.IsNullOrEmpty(UserSession) ? null : UserSession,
    };
}
