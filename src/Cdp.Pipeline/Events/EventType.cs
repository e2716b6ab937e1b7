namespace Cdp.Pipeline.Events;

/// <summary>The REES46 event types.</summary>
public enum EventType : byte
{
    /// <summary><c>view</c></summary>
    View,
    /// <summary><c>cart</c></summary>
    Cart,
    /// <summary><c>remove_from_cart</c></summary>
    RemoveFromCart,
    /// <summary><c>purchase</c></summary>
    Purchase,
}

/// <summary>The spelling of event types in the data set.</summary>
public static class EventTypeNames
{
    /// <summary>The data set's name of the type.</summary>
    public static string ToName(this EventType type) => type switch
    {
        EventType.View => "view",
        EventType.Cart => "cart",
        EventType.RemoveFromCart => "remove_from_cart",
        _ => "purchase",
    };

    /// <summary>Reads a type name; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out EventType type)
    {
        switch (name)
        {
            case "view": type = EventType.View; return true;
            case "cart": type = EventType.Cart; return true;
            case "remove_from_cart": type = EventType.RemoveFromCart; return true;
            case "purchase": type = EventType.Purchase; return true;
            default: type = default; return false;
        }
    }
}
