using System.Linq.Expressions;

namespace Cdp.Rules.EntityFrameworkCore;

/// <summary>
/// Rewrites <c>x.GetValueOrDefault()</c>, which the compiler uses to read a nullable under its <c>HasValue</c>
/// guard, to the cast <c>(T)x</c> that EF Core translates as the column itself.
/// </summary>
internal sealed class GuardedValueReader : ExpressionVisitor
{
    public static Expression Rewrite(Expression expression) => new GuardedValueReader().Visit(expression);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node is { Method.Name: "GetValueOrDefault", Arguments.Count: 0, Object: { } target } && Nullable.GetUnderlyingType(target.Type) is { } underlying)
        {
            return Expression.Convert(Visit(target), underlying);
        }

        return base.VisitMethodCall(node);
    }
}
