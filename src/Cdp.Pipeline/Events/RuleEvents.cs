using Cdp.Rules;

namespace Cdp.Pipeline.Events;

/// <summary>Events as the rule language's v2 aggregates read them.</summary>
public static class RuleEvents
{
    /// <summary>The event as a <see cref="RuleEvent"/>: its type by the data set's name, empty texts as NULL.</summary>
    public static RuleEvent ToRuleEvent(this CommerceEvent e) => new(
        DateTime.SpecifyKind(e.EventTime, DateTimeKind.Utc), e.EventType.ToName(), e.ProductId, e.CategoryId,
        string.IsNullOrEmpty(e.CategoryCode) ? null : e.CategoryCode,
        string.IsNullOrEmpty(e.Brand) ? null : e.Brand,
        e.Price,
        string.IsNullOrEmpty(e.UserSession) ? null : e.UserSession);

    /// <summary>
    /// Each customer's events from an events file (the REES46 CSV format), in file order; refused lines are counted,
    /// not read (the ingest's rules: a line the lake would refuse is no event of anyone's).
    /// </summary>
    public static (IReadOnlyDictionary<long, List<RuleEvent>> ByUser, long Refused) ReadByUser(string path)
    {
        var byUser = new Dictionary<long, List<RuleEvent>>();
        long refused = 0;
        foreach (var line in EventFileReader.ReadFile(path))
        {
            if (line.Event is not { } e)
            {
                refused++;
                continue;
            }

            if (!byUser.TryGetValue(e.UserId, out var events))
            {
                byUser[e.UserId] = events = [];
            }

            events.Add(e.ToRuleEvent());
        }

        return (byUser, refused);
    }
}
