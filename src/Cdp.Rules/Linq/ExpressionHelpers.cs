using System.Linq.Expressions;

namespace Cdp.Rules.Linq;

/// <summary>Null handling for expression trees: guards are dropped wherever a value cannot be null.</summary>
internal static class ExpressionHelpers
{
    public static readonly Expression True = Expression.Constant(true);
    public static readonly Expression False = Expression.Constant(false);

    public static bool CanBeNull(Expression e) =>
        e is not ConstantExpression { Value: not null } && (!e.Type.IsValueType || Nullable.GetUnderlyingType(e.Type) is not null);

    private static readonly System.Reflection.MethodInfo LowerMethod = typeof(Runtime.RuleSemantics).GetMethod(nameof(Runtime.RuleSemantics.Lower))!;

    /// <summary>
    /// "e is not NULL", or null when e can never be NULL. The language's lower of a text is NULL exactly when the text
    /// is, so its guard tests the text: the call is not made twice a row (once to test, once to use).
    /// </summary>
    public static Expression? HasValue(Expression e) =>
        e is MethodCallExpression { Arguments: [var text] } call && call.Method == LowerMethod ? HasValue(text)
        : !CanBeNull(e) ? null
        : e.Type.IsValueType ? Expression.Property(e, "HasValue")
        : Expression.NotEqual(e, Expression.Constant(null, e.Type));

    /// <summary>The value of e, to be used under its <see cref="HasValue"/> guard.</summary>
    public static Expression ValueOf(Expression e) =>
        Nullable.GetUnderlyingType(e.Type) is null ? e : Expression.Call(e, e.Type.GetMethod("GetValueOrDefault", Type.EmptyTypes)!);

    public static Expression? AllOf(params Expression?[] guards)
    {
        Expression? result = null;
        foreach (var guard in guards)
        {
            if (guard is not null)
            {
                result = result is null ? guard : Expression.AndAlso(result, guard);
            }
        }

        return result;
    }

    /// <summary>The value when the guard holds, else NULL.</summary>
    public static Expression Guarded(Expression? guard, Expression value)
    {
        if (guard is null)
        {
            return value;
        }

        var type = ClrTypes.Nullable(value.Type);
        return Expression.Condition(guard, value.Type == type ? value : Expression.Convert(value, type), Expression.Default(type));
    }

    /// <summary>The condition, and the guard before it.</summary>
    public static Expression When(Expression? guard, Expression condition) =>
        guard is null ? condition
        : condition is ConstantExpression { Value: false } ? False
        : Expression.AndAlso(guard, condition);

    public static Expression AndAlso(IEnumerable<Expression> conditions) => conditions.Aggregate(Expression.AndAlso);

    public static Expression OrElse(IEnumerable<Expression> conditions) => conditions.Aggregate(Expression.OrElse);

    public static Expression Not(Expression condition) =>
        condition is ConstantExpression { Value: bool b } ? Expression.Constant(!b) : Expression.Not(condition);

    /// <summary>A value of any nullable form as its nullable type.</summary>
    public static Expression AsNullable(Expression e)
    {
        var type = ClrTypes.Nullable(e.Type);
        return e.Type == type ? e : Expression.Convert(e, type);
    }
}
