using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Cdp.Rules.EntityFrameworkCore;

/// <summary>
/// EF Core on PostgreSQL (<c>Npgsql.EntityFrameworkCore.PostgreSQL</c>). Text under <c>COLLATE "C"</c> (the
/// database's collation, usually en_US, would put 'a' before 'B'); <c>lower(x COLLATE "C")</c> folds A-Z only;
/// money division rounds half away from zero in NUMERIC as the SQL target does. Timestamps must be
/// <c>timestamp with time zone</c> columns (Npgsql's mapping of <c>DateTime</c>): a <c>timestamp without time
/// zone</c> column meets the clock through the server's <c>TimeZone</c> setting, so it is refused with the fix.
/// Time arithmetic and <c>days_since</c> on stored values are refused too (PostgreSQL adds a day in the
/// session's time zone). A negative duration goes as a parameter (Npgsql's literal would lose the sign of its hours).
/// </summary>
public sealed class PostgreSqlRuleDialect : RelationalRuleDialect
{
    /// <summary>The dialect for a context's model (null: member types only).</summary>
    public PostgreSqlRuleDialect(IModel? model = null)
        : base("PostgreSQL", "C", model)
    {
    }

    /// <inheritdoc />
    public override Expression? DivideMoney(Expression left, Expression right) =>
        GuardedQuotient(left, right, (l, r) => Expression.Call(
            typeof(Math).GetMethod(nameof(Math.Round), [typeof(decimal), typeof(int)])!,
            Expression.Divide(l, r),
            Expression.Constant(Runtime.RuleSemantics.MoneyQuotientScale)));

    /// <inheritdoc />
    /// <remarks>A negative duration is sent as a parameter, not as Npgsql's interval literal (<see cref="NegativeIntervals"/>).</remarks>
    public override Expression Finish(Expression predicate) => NegativeIntervals.Rewrite(base.Finish(predicate));

    /// <inheritdoc />
    public override Expression? MoneyToNumber(Expression money) => Expression.Convert(money, typeof(double));

    /// <inheritdoc />
    public override Expression? Timestamp(Expression member, MemberInfo memberInfo)
    {
        ArgumentNullException.ThrowIfNull(member);
        var clr = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
        var store = StoreType(memberInfo);
        return clr == typeof(DateTime) && (store is null || store.StartsWith("timestamp with time zone", StringComparison.Ordinal) || store == "timestamptz")
            ? member
            : null;
    }
}
