using System.Linq.Expressions;

namespace Cdp.Rules;

/// <summary>
/// A rule compiled once to a delegate over <typeparamref name="TProfile"/> that takes the clock at each call
/// (<see cref="LinqTarget.Prepare{TProfile}"/>). Immutable and safe to share between threads, like a
/// <see cref="Rule"/> and a catalog: cache one per rule text and ask it with the clock of the moment.
/// </summary>
public sealed class CompiledRule<TProfile>
{
    private readonly Func<TProfile, RuleClock, bool> _isMember;

    internal CompiledRule(Rule rule, Expression<Func<TProfile, RuleClock, bool>> expression)
    {
        Rule = rule;
        Expression = expression;
        _isMember = expression.Compile();
    }

    /// <summary>The rule compiled.</summary>
    public Rule Rule { get; }

    /// <summary>The expression behind it, for inspection.</summary>
    public Expression<Func<TProfile, RuleClock, bool>> Expression { get; }

    /// <summary>Whether the profile is a member (the rule is TRUE) by this clock.</summary>
    public bool IsMember(TProfile profile, RuleClock clock) => _isMember(profile, RuleClock.Require(clock, nameof(clock)));

    /// <summary>Whether the profile is a member by the time provider's clock now.</summary>
    public bool IsMember(TProfile profile, TimeProvider time) => _isMember(profile, RuleClock.From(time));

    /// <summary>A predicate for one clock, for LINQ to objects (<c>customers.Where(rule.At(clock))</c>).</summary>
    public Func<TProfile, bool> At(RuleClock clock)
    {
        RuleClock.Require(clock, nameof(clock));
        return profile => _isMember(profile, clock);
    }
}
