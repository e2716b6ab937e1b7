namespace Cdp.Rules.Syntax;

/// <summary>Which events an aggregate reads (v2): every event, or those of one <c>event_type</c>.</summary>
public enum EventKind
{
    /// <summary><c>events</c>: every event.</summary>
    Events,

    /// <summary><c>views</c>: <c>event_type = 'view'</c>.</summary>
    Views,

    /// <summary><c>carts</c>: <c>event_type = 'cart'</c>.</summary>
    Carts,

    /// <summary><c>removals</c>: <c>event_type = 'remove_from_cart'</c>.</summary>
    Removals,

    /// <summary><c>purchases</c>: <c>event_type = 'purchase'</c>.</summary>
    Purchases,
}

/// <summary>The words of the event kinds and the event types they select.</summary>
public static class EventKinds
{
    /// <summary>Every kind's word, as a rule writes it.</summary>
    public static IReadOnlyList<string> Words { get; } = ["events", "views", "carts", "removals", "purchases"];

    /// <summary>The kind's word (<c>purchases</c>).</summary>
    public static string Word(this EventKind kind) => Words[(int)kind];

    /// <summary>The <c>event_type</c> a kind selects; null for <see cref="EventKind.Events"/>.</summary>
    public static string? EventType(this EventKind kind) => kind switch
    {
        EventKind.Views => "view",
        EventKind.Carts => "cart",
        EventKind.Removals => "remove_from_cart",
        EventKind.Purchases => "purchase",
        _ => null,
    };

    /// <summary>The kind a word names (any case), if any.</summary>
    public static bool TryParse(string word, out EventKind kind)
    {
        for (var i = 0; i < Words.Count; i++)
        {
            if (string.Equals(Words[i], word, StringComparison.OrdinalIgnoreCase))
            {
                kind = (EventKind)i;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
