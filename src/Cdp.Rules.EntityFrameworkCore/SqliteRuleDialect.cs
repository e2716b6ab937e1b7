using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Cdp.Rules.EntityFrameworkCore;

/// <summary>
/// EF Core on SQLite (<c>Microsoft.EntityFrameworkCore.Sqlite</c>). Text under <c>COLLATE BINARY</c> (UTF-8 byte
/// order, which is code point order); <c>lower</c> is SQLite's own, which folds A-Z only; money stays exact through
/// EF Core's decimal functions. Refused, because SQLite computes them inexactly or not at all: money division
/// (SQLite rounds in floating point), money read as a number, durations stored as text, and time arithmetic or
/// <c>days_since</c> on stored values; timestamps must be <c>DateTime</c> (EF Core stores them as sortable text;
/// a <c>DateTimeOffset</c>'s text does not sort by instant).
/// </summary>
public sealed class SqliteRuleDialect : RelationalRuleDialect
{
    /// <summary>The dialect for a context's model (null: member types only).</summary>
    public SqliteRuleDialect(IModel? model = null)
        : base("SQLite", "BINARY", model)
    {
    }

    /// <summary>
    /// Money compares through EF Core's <c>ef_compare</c>, which reads both sides as decimals; <c>=</c> on decimals
    /// would compare their texts ('3' is not '3.0'), so equality is spelt as neither less nor greater.
    /// </summary>
    public override Expression? Compare(Syntax.ComparisonOperator op, Expression left, Expression right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return (left.Type, op) switch
        {
            (var t, Syntax.ComparisonOperator.Equal) when t == typeof(decimal) => Expression.AndAlso(Expression.LessThanOrEqual(left, right), Expression.GreaterThanOrEqual(left, right)),
            (var t, Syntax.ComparisonOperator.NotEqual) when t == typeof(decimal) => Expression.OrElse(Expression.LessThan(left, right), Expression.GreaterThan(left, right)),
            _ => base.Compare(op, left, right),
        };
    }

    /// <summary>
    /// ENDS WITH as the text's last characters equal to the pattern: EF Core spells EndsWith with LIKE, which SQLite
    /// matches ignoring ASCII case whatever the collation. SQLite counts characters as code points, so the
    /// pattern's length is counted so too.
    /// </summary>
    public override Expression? TextMatch(Syntax.TextMatchKind kind, Expression text, string pattern)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pattern);
        if (kind != Syntax.TextMatchKind.EndsWith)
        {
            return base.TextMatch(kind, text, pattern);
        }

        var length = Expression.Constant(pattern.EnumerateRunes().Count());
        var textLength = Expression.Property(text, nameof(string.Length));
        var tail = Expression.Call(text, typeof(string).GetMethod(nameof(string.Substring), [typeof(int)])!, Expression.Subtract(textLength, length));
        return Expression.AndAlso(Expression.GreaterThanOrEqual(textLength, length), Expression.Equal(Binary(tail), Expression.Constant(pattern)));
    }

    /// <summary>
    /// SQLite keeps money (decimal) as text or a double: EF Core cannot sum, average or order it there, so SUM, AVG, MIN
    /// and MAX of price over a collection of events are refused, and AVG of any field (it is computed exactly, as a decimal).
    /// </summary>
    public override bool Aggregates(Cdp.Rules.Syntax.AggregateFunction function, MetricType fieldType) =>
        function != Cdp.Rules.Syntax.AggregateFunction.Avg && (fieldType != MetricType.Money || function == Cdp.Rules.Syntax.AggregateFunction.CountDistinct);

    /// <summary>abs of money as a sign test and EF Core's decimal negation (SQLite's abs() would read the decimal's text as a double).</summary>
    public override Expression? Abs(Expression value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Type == typeof(decimal)
            ? Expression.Condition(Expression.LessThan(value, Expression.Constant(0m)), Expression.Negate(value), value)
            : base.Abs(value);
    }

    /// <inheritdoc />
    public override Expression? DivideMoney(Expression left, Expression right) => null;

    /// <inheritdoc />
    public override Expression? MoneyToNumber(Expression money) => null;

    /// <inheritdoc />
    public override bool Reads(MetricType type) => type != MetricType.Duration;

    /// <inheritdoc />
    public override Expression? Timestamp(Expression member, MemberInfo memberInfo)
    {
        ArgumentNullException.ThrowIfNull(member);
        return (Nullable.GetUnderlyingType(member.Type) ?? member.Type) == typeof(DateTime) ? member : null;
    }
}
