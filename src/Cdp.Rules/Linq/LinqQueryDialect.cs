using System.Linq.Expressions;
using System.Reflection;
using Cdp.Rules.Runtime;
using Cdp.Rules.Syntax;

namespace Cdp.Rules;

/// <summary>
/// How compiled LINQ spells the operations whose meaning the language fixes (text order, ASCII lower case,
/// division, money as a number, timestamps, text lists). The default, <see cref="InMemory"/>, calls
/// <see cref="RuleSemantics"/> and runs in memory; a query provider (EF Core, package
/// <c>Cdp.Rules.EntityFrameworkCore</c>) overrides the operations so that its provider translates them to
/// SQL with the same meaning. An operation a dialect cannot express exactly returns null: the rule then
/// gets a diagnostic at that sub-rule naming the construct and <see cref="Name"/> at compile time, never
/// an exception or another answer at query time. Dialects are immutable and safe to share.
/// </summary>
public class LinqQueryDialect
{
    private static readonly MethodInfo OrdinalEquals = typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string)])!;

    /// <summary>Delegates in memory: every operation through <see cref="RuleSemantics"/>.</summary>
    public static LinqQueryDialect InMemory { get; } = new();

    /// <summary>For dialects of one's own: override the operations the provider spells differently.</summary>
    protected LinqQueryDialect()
    {
    }

    /// <summary>The name diagnostics use for where the rule was to run (<c>EF Core (SQLite)</c>).</summary>
    public virtual string Name => "LINQ";

    /// <summary>Whether int arithmetic uses checked operators (an overflow raises, as the language says).</summary>
    public virtual bool CheckedIntArithmetic => true;

    /// <summary>A compare of two non-null texts by Unicode code point: a bool expression.</summary>
    public virtual Expression? CompareText(ComparisonOperator op, Expression left, Expression right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return op switch
        {
            ComparisonOperator.Equal => Expression.Call(OrdinalEquals, left, right),
            ComparisonOperator.NotEqual => Expression.Not(Expression.Call(OrdinalEquals, left, right)),
            _ => Expression.MakeBinary(op.ToExpressionType(), Call(nameof(RuleSemantics.CompareText), left, right), Expression.Constant(0)),
        };
    }

    /// <summary>A compare of two non-null values of one representation other than text (long, decimal, double, bool, DateOnly, DateTime, TimeSpan): a bool expression.</summary>
    public virtual Expression? Compare(ComparisonOperator op, Expression left, Expression right) =>
        Expression.MakeBinary(op.ToExpressionType(), left, right);

    /// <summary>A literal, ordinal CONTAINS, STARTS WITH or ENDS WITH of a non-null text: a bool expression.</summary>
    public virtual Expression? TextMatch(TextMatchKind kind, Expression text, string pattern) => Call(
        kind switch
        {
            TextMatchKind.Contains => nameof(RuleSemantics.Contains),
            TextMatchKind.StartsWith => nameof(RuleSemantics.StartsWith),
            _ => nameof(RuleSemantics.EndsWith),
        },
        text,
        Expression.Constant(pattern));

    /// <summary><c>lower(x)</c> of a text that may be null: A-Z folded to a-z, nothing else changed.</summary>
    public virtual Expression? Lower(Expression text) => Call(nameof(RuleSemantics.Lower), text);

    /// <summary><c>list HAS item</c> of a non-null text list: a bool expression.</summary>
    public virtual Expression? Has(Expression list, string item) => Call(nameof(RuleSemantics.Has), list, Expression.Constant(item));

    /// <summary>Division of two nullable doubles: NULL for a NULL operand or a zero divisor.</summary>
    public virtual Expression? DivideNumber(Expression left, Expression right) => Call(nameof(RuleSemantics.DivideNumber), left, right);

    /// <summary>Division of two nullable decimals: NULL as above, else the quotient rounded half away from zero to 6 places.</summary>
    public virtual Expression? DivideMoney(Expression left, Expression right) => Call(nameof(RuleSemantics.DivideMoney), left, right);

    /// <summary>A non-null money value (decimal) as a number: the nearest double.</summary>
    public virtual Expression? MoneyToNumber(Expression money) => Call(nameof(RuleSemantics.MoneyToNumber), money);

    /// <summary>A non-null date (DateOnly) that is not a literal as the timestamp of its midnight UTC.</summary>
    public virtual Expression? DateAtMidnight(Expression date) => Call(nameof(RuleSemantics.AtMidnight), date);

    /// <summary><c>days_since(x)</c>: whole UTC days from a nullable timestamp's date to <paramref name="today"/> (a DateOnly), as a nullable long.</summary>
    public virtual Expression? DaysSince(Expression instant, Expression today) => Call(nameof(RuleSemantics.DaysSince), instant, today);

    /// <summary>
    /// <c>+</c> or <c>-</c> of non-null timestamps (DateTime) and durations (TimeSpan) where at least one
    /// side is read from the profile (a sum of literals and the clock is computed once, in any dialect).
    /// </summary>
    public virtual Expression? TemporalArithmetic(ArithmeticOperator op, Expression left, Expression right) =>
        op == ArithmeticOperator.Add ? Expression.Add(left, right) : Expression.Subtract(left, right);

    /// <summary><c>abs(x)</c> of a non-null long, decimal or double.</summary>
    public virtual Expression? Abs(Expression value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Expression.Call(typeof(Math).GetMethod(nameof(Math.Abs), [value.Type])!, value);
    }

    /// <summary><c>abs(x)</c> of a non-null duration (TimeSpan) read from the profile.</summary>
    public virtual Expression? DurationAbs(Expression duration) =>
        Expression.Call(duration, typeof(TimeSpan).GetMethod(nameof(TimeSpan.Duration))!);

    /// <summary>
    /// A timestamp member of the profile type (<c>DateTime</c>, <c>DateTimeOffset</c> or their nullable forms) as
    /// a UTC <c>DateTime</c> (nullable when the member is). In memory a local time is converted and an
    /// unspecified one is taken as UTC.
    /// </summary>
    public virtual Expression? Timestamp(Expression member, MemberInfo memberInfo)
    {
        ArgumentNullException.ThrowIfNull(member);
        var value = Linq.ExpressionHelpers.ValueOf(member);
        var utc = value.Type == typeof(DateTimeOffset)
            ? Expression.Property(value, nameof(DateTimeOffset.UtcDateTime))
            : (Expression)Expression.Call(typeof(MetricValues).GetMethod(nameof(MetricValues.ToUtc))!, value);
        return Linq.ExpressionHelpers.Guarded(Linq.ExpressionHelpers.HasValue(member), utc);
    }

    /// <summary>
    /// Whether a metric of this type read from the profile can be used at all (a dialect whose provider
    /// stores durations as text, say, refuses them); a literal of the type is always fine.
    /// </summary>
    public virtual bool Reads(MetricType type) => true;

    /// <summary>
    /// The last pass over the whole predicate (a bool expression over the profile), for rewrites a provider needs
    /// everywhere: EF Core, say, reads a nullable's value under its guard by a cast, not by <c>GetValueOrDefault()</c>.
    /// </summary>
    public virtual Expression Finish(Expression predicate) => predicate;

    /// <summary>
    /// Whether an aggregate (v2) computed over a collection of the customer's events can take a field of this type
    /// (<c>SUM</c>, <c>AVG</c>, <c>MIN</c>, <c>MAX</c>, <c>COUNT(DISTINCT ...)</c>); a provider that cannot sum money
    /// exactly, say, refuses it, and the rule gets a diagnostic instead of a query-time exception.
    /// </summary>
    public virtual bool Aggregates(AggregateFunction function, MetricType fieldType) => true;

    /// <summary>
    /// The smallest (or largest) of a sequence of texts, ordinally, NULLs ignored, NULL when none: <c>MIN</c> and
    /// <c>MAX</c> of a text field over a collection of events (v2).
    /// </summary>
    public virtual Expression? MinMaxText(bool max, Expression texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var method = typeof(Enumerable).GetMethods().Single(m => m.Name == (max ? nameof(Enumerable.Max) : nameof(Enumerable.Min)) && m.IsGenericMethodDefinition
            && m.GetGenericArguments().Length == 1 && m.GetParameters() is [_, { ParameterType.IsGenericType: true } comparer] && comparer.ParameterType.GetGenericTypeDefinition() == typeof(IComparer<>));
        return Expression.Call(method.MakeGenericMethod(typeof(string)), texts, Expression.Constant(StringComparer.Ordinal, typeof(IComparer<string>)));
    }

    /// <summary>How diagnostics describe a member the dialect refuses (its column type, say), or null for its CLR type.</summary>
    public virtual string? Describe(MemberInfo member) => null;

    private static MethodCallExpression Call(string name, params Expression[] arguments) =>
        Expression.Call(typeof(RuleSemantics).GetMethod(name)!, arguments);
}
