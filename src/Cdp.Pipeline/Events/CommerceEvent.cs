namespace Cdp.Pipeline.Events;

/// <summary>
/// One behavioural event of the REES46 "multi-category store" data set. Times are UTC; an empty
/// category code, brand or session is null.
/// </summary>
public sealed record CommerceEvent(
    DateTime EventTime,
    EventType EventType,
    long ProductId,
    long CategoryId,
    string? CategoryCode,
    string? Brand,
    decimal Price,
    long UserId,
    string? UserSession)
{
    /// <summary>The UTC date the event belongs to: its lake partition and its daily aggregate.</summary>
    public DateOnly EventDate => DateOnly.FromDateTime(EventTime);
}
