using System.Linq.Expressions;
using System.Reflection;
using Cdp.Rules.Syntax;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Cdp.Rules.EntityFrameworkCore;

/// <summary>
/// What EF Core's relational providers share: every text compare and text test under the provider's binary
/// collation (so a column's own collation, case-insensitive or linguistic, never changes a rule's answer), text
/// order through <c>string.Compare</c> (which EF translates to <c>&lt;</c>, <c>&gt;</c>), division as a guarded
/// quotient, plain (unchecked) int arithmetic, which the database checks. Each provider refuses what it cannot
/// compute exactly.
/// </summary>
public abstract class RelationalRuleDialect : LinqQueryDialect
{
    private static readonly MethodInfo Collate = typeof(RelationalDbFunctionsExtensions).GetMethod(nameof(RelationalDbFunctionsExtensions.Collate))!.MakeGenericMethod(typeof(string));
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringIndexOf = typeof(string).GetMethod(nameof(string.IndexOf), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo StringEndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo EnumerableContains = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string));

    /// <summary>A dialect for the provider called <paramref name="provider"/> whose binary collation is <paramref name="binaryCollation"/>.</summary>
    protected RelationalRuleDialect(string provider, string binaryCollation, IModel? model)
    {
        Name = $"EF Core ({provider})";
        BinaryCollation = binaryCollation;
        Model = model;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The collation that orders text by code point (UTF-8 bytes): <c>"C"</c> on PostgreSQL, <c>BINARY</c> on SQLite.</summary>
    public string BinaryCollation { get; }

    /// <summary>The context's model, for the column types of the profile's members (null: CLR types only).</summary>
    protected IModel? Model { get; }

    /// <inheritdoc />
    public override bool CheckedIntArithmetic => false;

    /// <summary>
    /// MIN and MAX of a text field over a collection of events are refused: the database orders texts by the column's
    /// collation, and the language orders them ordinally (a diagnostic, not another answer).
    /// </summary>
    public override Expression? MinMaxText(bool max, Expression texts) => null;

    /// <inheritdoc />
    public override Expression Finish(Expression predicate) => GuardedValueReader.Rewrite(predicate);

    /// <summary>The text under <see cref="BinaryCollation"/>: <c>x COLLATE "C"</c>.</summary>
    protected Expression Binary(Expression text) =>
        Expression.Call(Collate, Expression.Property(null, typeof(EF), nameof(EF.Functions)), text, Expression.Constant(BinaryCollation));

    /// <inheritdoc />
    public override Expression? CompareText(ComparisonOperator op, Expression left, Expression right) => op switch
    {
        ComparisonOperator.Equal => Expression.Equal(Binary(left), right),
        ComparisonOperator.NotEqual => Expression.NotEqual(Binary(left), right),
        _ => Expression.MakeBinary(op.ToExpressionType(), Expression.Call(StringCompare, Binary(left), right), Expression.Constant(0)),
    };

    /// <inheritdoc />
    public override Expression? TextMatch(TextMatchKind kind, Expression text, string pattern)
    {
        var literal = Expression.Constant(pattern);
        return kind switch
        {
            TextMatchKind.Contains => Expression.Call(Binary(text), StringContains, literal),
            // The first place the pattern occurs is the start exactly when the text starts with it (an empty pattern occurs at 0).
            TextMatchKind.StartsWith => Expression.Equal(Expression.Call(Binary(text), StringIndexOf, literal), Expression.Constant(0)),
            _ => Expression.Call(Binary(text), StringEndsWith, literal),
        };
    }

    /// <inheritdoc />
    public override Expression? Lower(Expression text) => Expression.Call(Binary(text), ToLower);

    /// <inheritdoc />
    public override Expression? Has(Expression list, string item)
    {
        var source = list is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : list;
        return Expression.Call(EnumerableContains, Expression.Convert(source, typeof(IEnumerable<string>)), Expression.Constant(item));
    }

    /// <inheritdoc />
    public override Expression? DivideNumber(Expression left, Expression right) => GuardedQuotient(left, right, (l, r) => Expression.Divide(l, r));

    /// <summary>NULL for a NULL operand or a zero divisor, else the quotient the provider computes.</summary>
    protected static Expression GuardedQuotient(Expression left, Expression right, Func<Expression, Expression, Expression> quotient)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(quotient);
        var type = left.Type;
        var underlying = Nullable.GetUnderlyingType(type)!;
        var l = Expression.Convert(left, underlying);
        var r = Expression.Convert(right, underlying);
        var defined = Expression.AndAlso(
            Expression.AndAlso(Expression.NotEqual(left, Expression.Constant(null, type)), Expression.NotEqual(right, Expression.Constant(null, type))),
            Expression.NotEqual(r, Expression.Convert(Expression.Constant(0), underlying)));
        return Expression.Condition(defined, Expression.Convert(quotient(l, r), type), Expression.Constant(null, type));
    }

    /// <inheritdoc />
    public override Expression? DaysSince(Expression instant, Expression today) => null;

    /// <inheritdoc />
    public override Expression? DateAtMidnight(Expression date) => null;

    /// <inheritdoc />
    public override Expression? TemporalArithmetic(ArithmeticOperator op, Expression left, Expression right) => null;

    /// <inheritdoc />
    public override Expression? DurationAbs(Expression duration) => null;

    /// <summary>The store type of the member's column in <see cref="Model"/> (<c>timestamp with time zone</c>), if known.</summary>
    protected string? StoreType(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var entity = Model?.FindEntityType(member.DeclaringType!);
        var property = entity?.GetProperties().FirstOrDefault(p => p.PropertyInfo == member || p.FieldInfo == member || p.Name == member.Name);
        return property?.GetRelationalTypeMapping().StoreType;
    }

    /// <inheritdoc />
    public override string? Describe(MemberInfo member) => StoreType(member) is { } store ? $"column type {store}" : null;
}
