using Cdp.Rules.Backends.Tests.Engines;
using Microsoft.EntityFrameworkCore;

namespace Cdp.Rules.Backends.Tests.EntityFramework;

/// <summary>
/// Test profiles stored through EF Core by a provider, and rules run the way a developer runs them:
/// <c>db.Profiles.WhereRule(rule, clock)</c>, the ids read back.
/// </summary>
public sealed class EfCoreEngine(string name, DbContextOptions<ProfilesContext> options) : IProfileEngine
{
    public string Name { get; } = name;

    public ProfilesContext NewContext() => new(options);

    public void Load(IReadOnlyList<TestProfile> profiles)
    {
        using var context = NewContext();
        context.Profiles.ExecuteDelete();
        context.Profiles.AddRange(profiles);
        context.SaveChanges();
    }

    public TargetResult<IQueryable<TestProfile>> Query(ProfilesContext context, Rule rule, RuleClock clock) => context.Profiles.WhereRule(rule, clock);

    public IReadOnlyList<long> Select(Rule rule, RuleClock clock)
    {
        using var context = NewContext();
        return [.. Query(context, rule, clock).GetOutputOrThrow().Select(p => p.Id).OrderBy(id => id)];
    }

    /// <summary>The diagnostics the target gives the rule here (none: it runs).</summary>
    public IReadOnlyList<Diagnostic> Refusals(Rule rule, RuleClock clock)
    {
        using var context = NewContext();
        return EntityFrameworkTarget.ToExpression<TestProfile>(context, rule, clock).Diagnostics;
    }

    /// <summary>The SQL the provider makes of the rule, for failure messages.</summary>
    public string Sql(Rule rule, RuleClock clock)
    {
        using var context = NewContext();
        return Query(context, rule, clock).Output?.ToQueryString() ?? string.Join("\n", Refusals(rule, clock));
    }
}
