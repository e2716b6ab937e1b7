using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Pipeline.Store.Segments;

/// <summary>An engine that holds profiles and answers which user_ids a rule selects, ascending.</summary>
public interface ISegmentEngine : IDisposable
{
    /// <summary>Replaces the profiles the engine holds.</summary>
    void Load(IEnumerable<ProfileRow> profiles);

    /// <summary>The members of the rule's segment, ascending.</summary>
    IReadOnlyList<long> Members(Rule rule, RuleClock clock);

    /// <summary>How many members the rule's segment has, counted where the profiles are (no list travels).</summary>
    long Count(Rule rule, RuleClock clock);
}
