using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Pipeline.Store;

/// <summary>
/// A store users keep their profiles in beside the platform (PostgreSQL, MongoDB): profiles computed as of a day
/// load into it whole (a failed load leaves it as it was), and a rule selects members where the profiles are.
/// </summary>
public interface IProfileStore
{
    /// <summary>Replaces the stored profiles with these, as of <paramref name="asOf"/>; the number loaded.</summary>
    long Load(IEnumerable<ProfileRow> profiles, DateOnly asOf);

    /// <summary>How many profiles are stored.</summary>
    long Count();

    /// <summary>The user_ids the rule selects, ascending, computed in the store.</summary>
    IReadOnlyList<long> Members(Rule rule, RuleClock clock);
}
