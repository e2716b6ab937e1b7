using System.Linq.Expressions;
using Cdp.Rules.Linq;

namespace Cdp.Rules;

/// <summary>
/// The LINQ compile target: a rule as an <c>Expression&lt;Func&lt;T, bool&gt;&gt;</c> over a profile class of your
/// own (in memory; for a query provider pass its <see cref="LinqQueryDialect"/>, as package Cdp.Rules.EntityFrameworkCore
/// does for EF Core), as a compiled delegate, or as a delegate over
/// rows of values. A customer is selected only when the rule is TRUE.
/// </summary>
public static class LinqTarget
{
    /// <summary>
    /// The rule as an expression over <typeparamref name="TProfile"/>. Metrics bind to properties by
    /// convention (<c>sessions_7d</c> to <c>Sessions7d</c>) or by <see cref="MetricAttribute"/>; a metric that
    /// can be NULL needs a nullable property type.
    /// </summary>
    public static TargetResult<Expression<Func<TProfile, bool>>> ToExpression<TProfile>(Rule rule, RuleClock clock) =>
        ToExpression<TProfile>(rule, clock, LinqQueryDialect.InMemory);

    /// <summary>
    /// The rule as an expression over <typeparamref name="TProfile"/> spelt for a query provider: every operation
    /// goes through <paramref name="dialect"/> (package <c>Cdp.Rules.EntityFrameworkCore</c> has EF Core's), and a
    /// construct the dialect cannot express exactly is a diagnostic naming it, never a query-time exception.
    /// </summary>
    public static TargetResult<Expression<Func<TProfile, bool>>> ToExpression<TProfile>(Rule rule, RuleClock clock, LinqQueryDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(dialect);
        RuleClock.Require(clock, nameof(clock));
        var parameter = Expression.Parameter(typeof(TProfile), "profile");
        return Build<Func<TProfile, bool>>(rule, clock, parameter, new PropertyMetricBinder(parameter, dialect), dialect);
    }

    /// <summary>
    /// The rule compiled once for any clock: keep the result and ask it at each call with the clock of that
    /// moment (<see cref="CompiledRule{TProfile}.IsMember(TProfile, RuleClock)"/>), instead of compiling per clock
    /// (about a millisecond each) or keeping a delegate whose <c>now()</c> was fixed when it was made.
    /// </summary>
    public static TargetResult<CompiledRule<TProfile>> Prepare<TProfile>(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var profile = Expression.Parameter(typeof(TProfile), "profile");
        var clock = Expression.Parameter(typeof(RuleClock), "clock");
        var compiler = new LinqRuleCompiler(rule, clock, new PropertyMetricBinder(profile));
        var body = compiler.CompileIsTrue();
        return compiler.Diagnostics.Count > 0
            ? new TargetResult<CompiledRule<TProfile>>(null, compiler.Diagnostics)
            : new TargetResult<CompiledRule<TProfile>>(new CompiledRule<TProfile>(rule, Expression.Lambda<Func<TProfile, RuleClock, bool>>(body, profile, clock)), compiler.Diagnostics);
    }

    /// <summary>The rule compiled to a delegate over <typeparamref name="TProfile"/>.</summary>
    public static TargetResult<Func<TProfile, bool>> Compile<TProfile>(Rule rule, RuleClock clock)
    {
        var expression = ToExpression<TProfile>(rule, clock);
        return new TargetResult<Func<TProfile, bool>>(expression.Output?.Compile(), expression.Diagnostics);
    }

    /// <summary>
    /// The rule compiled to a delegate over rows that map metric names to values (see <see cref="MetricValues"/>);
    /// a missing entry is NULL.
    /// </summary>
    public static Func<IReadOnlyDictionary<string, object?>, bool> CompileRows(Rule rule, RuleClock clock) =>
        ToRowsExpression(rule, RuleClock.Require(clock, nameof(clock))).Compile();

    /// <summary>The expression behind <see cref="CompileRows"/>, for inspection.</summary>
    public static Expression<Func<IReadOnlyDictionary<string, object?>, bool>> ToRowsExpression(Rule rule, RuleClock clock)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parameter = Expression.Parameter(typeof(IReadOnlyDictionary<string, object?>), "row");
        return Build<Func<IReadOnlyDictionary<string, object?>, bool>>(rule, clock, parameter, new RowMetricBinder(parameter))
            .GetOutputOrThrow();
    }

    private static TargetResult<Expression<TDelegate>> Build<TDelegate>(Rule rule, RuleClock clock, ParameterExpression parameter, IMetricBinder binder, LinqQueryDialect? dialect = null)
    {
        var compiler = new LinqRuleCompiler(rule, clock, binder, dialect);
        var body = compiler.CompileIsTrue();
        return compiler.Diagnostics.Count > 0
            ? new TargetResult<Expression<TDelegate>>(null, compiler.Diagnostics)
            : new TargetResult<Expression<TDelegate>>(Expression.Lambda<TDelegate>(body, parameter), compiler.Diagnostics);
    }
}
