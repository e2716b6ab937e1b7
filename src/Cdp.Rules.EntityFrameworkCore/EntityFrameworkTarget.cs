using System.Linq.Expressions;
using Cdp.Rules.EntityFrameworkCore;
using Cdp.Rules.Syntax;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Cdp.Rules;

/// <summary>
/// The EF Core compile target: a rule as a predicate over your own entity type that the context's provider
/// translates to SQL with the language's meaning (three-valued logic, code point text order, ASCII
/// <c>lower</c>, exact money, UTC timestamps). Metrics bind to properties as <see cref="LinqTarget"/> binds them.
/// Supported providers: PostgreSQL (Npgsql) and SQLite. Whatever a provider cannot compute exactly is a
/// diagnostic at compile time that names the construct and the provider, never an exception when the query
/// runs and never another answer.
/// </summary>
public static class EntityFrameworkTarget
{
    /// <summary>The provider names this target has a dialect for.</summary>
    public static IReadOnlyList<string> SupportedProviders { get; } = ["Npgsql.EntityFrameworkCore.PostgreSQL", "Microsoft.EntityFrameworkCore.Sqlite"];

    /// <summary>The dialect of the context's provider, or null when this target has none for it.</summary>
    public static RelationalRuleDialect? DialectFor(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Database.ProviderName switch
        {
            "Npgsql.EntityFrameworkCore.PostgreSQL" => new PostgreSqlRuleDialect(context.Model),
            "Microsoft.EntityFrameworkCore.Sqlite" => new SqliteRuleDialect(context.Model),
            _ => null,
        };
    }

    /// <summary>The rule as a predicate for <c>context.Set&lt;TEntity&gt;().Where(...)</c>.</summary>
    public static TargetResult<Expression<Func<TEntity, bool>>> ToExpression<TEntity>(DbContext context, Rule rule, RuleClock clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rule);
        var dialect = DialectFor(context);
        if (dialect is null)
        {
            var span = new TextSpan(0, rule.Text.Length);
            return new TargetResult<Expression<Func<TEntity, bool>>>(null, [
                new Diagnostic(DiagnosticCodes.Target, $"EF Core provider `{context.Database.ProviderName}` has no rule dialect; supported: {string.Join(", ", SupportedProviders)}", span, 1, 1),
            ]);
        }

        return LinqTarget.ToExpression<TEntity>(rule, clock, dialect);
    }

    /// <summary>
    /// The members of a rule among the entities of a set: <c>db.Customers.WhereRule(rule, clock)</c>, a query to
    /// compose further (order, page, project) and run; or the diagnostics when the provider cannot run the rule.
    /// </summary>
    public static TargetResult<IQueryable<TEntity>> WhereRule<TEntity>(this DbSet<TEntity> set, Rule rule, RuleClock clock)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(set);
        var context = set.GetService<ICurrentDbContext>().Context;
        var predicate = ToExpression<TEntity>(context, rule, clock);
        return new TargetResult<IQueryable<TEntity>>(predicate.Output is { } p ? set.Where(p) : null, predicate.Diagnostics);
    }
}
