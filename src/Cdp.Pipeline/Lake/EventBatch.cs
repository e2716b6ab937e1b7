using Cdp.Pipeline.Events;

namespace Cdp.Pipeline.Lake;

/// <summary>Events of one partition held column by column until they are written.</summary>
internal sealed class EventBatch
{
    public List<DateTime> EventTimes { get; } = [];
    public List<string> EventTypes { get; } = [];
    public List<long> ProductIds { get; } = [];
    public List<long> CategoryIds { get; } = [];
    public List<string?> CategoryCodes { get; } = [];
    public List<string?> Brands { get; } = [];
    public List<decimal> Prices { get; } = [];
    public List<long> UserIds { get; } = [];
    public List<string?> UserSessions { get; } = [];

    public int Count => EventTimes.Count;

    public void Add(CommerceEvent e)
    {
        EventTimes.Add(e.EventTime);
        EventTypes.Add(e.EventType.ToName());
        ProductIds.Add(e.ProductId);
        CategoryIds.Add(e.CategoryId);
        CategoryCodes.Add(e.CategoryCode);
        Brands.Add(e.Brand);
        Prices.Add(e.Price);
        UserIds.Add(e.UserId);
        UserSessions.Add(e.UserSession);
    }
}
