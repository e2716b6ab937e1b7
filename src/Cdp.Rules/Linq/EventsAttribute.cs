using Cdp.Rules.Syntax;

namespace Cdp.Rules;

/// <summary>
/// Marks a collection property of a profile class as the customer's events (v2), so that LINQ (in memory, and EF Core
/// as a correlated subquery) computes a rule's aggregates over it instead of reading a derived column:
/// <c>[Events(EventKind.Purchases)] public List&lt;Order&gt; Orders</c> holds purchases only, and
/// <c>count(purchases IN LAST 30d)</c> counts them; <c>[Events]</c> holds every kind, told apart by each event's
/// <c>event_type</c>. Without the attribute, a collection named <c>Events</c> holds every kind and one named like a kind
/// (<c>Purchases</c>, <c>Views</c>, <c>Carts</c>, <c>Removals</c>) that kind. An event's fields bind to its properties as
/// metrics do (<c>event_time</c> to <c>EventTime</c>, or <c>[Metric("event_time")]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class EventsAttribute : Attribute
{
    /// <summary>Every kind of event, told apart by each event's <c>event_type</c>.</summary>
    public EventsAttribute()
    {
    }

    /// <summary>Events of one kind only (no <c>event_type</c> needed).</summary>
    public EventsAttribute(EventKind kind) => Kind = kind;

    /// <summary>The one kind the collection holds; null when it holds every kind.</summary>
    public EventKind? Kind { get; }
}
