namespace Cdp.Pipeline.Events;

/// <summary>One data line of an events file: the event, or the reason it was refused.</summary>
/// <param name="LineNumber">1-based, counting the header as line 1.</param>
/// <param name="Event">The parsed event, or null when refused.</param>
/// <param name="Reason">Why the line was refused, or null.</param>
/// <param name="Text">The line as read.</param>
public readonly record struct EventLine(long LineNumber, CommerceEvent? Event, string? Reason, string Text)
{
    /// <summary>A data line parsed strictly (<see cref="EventCsvFormat.TryParse"/>), its repeated texts shared through <paramref name="texts"/>.</summary>
    public static EventLine Parse(long lineNumber, string text, TextPool? texts = null) =>
        EventCsvFormat.TryParse(text, out var parsed, out var reason, texts)
            ? new EventLine(lineNumber, parsed, null, text)
            : new EventLine(lineNumber, null, reason, text);
}
