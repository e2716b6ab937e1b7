using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Cdp.Rules.EntityFrameworkCore;

/// <summary>
/// Every negative duration a predicate computes without reading a row (a literal, <c>-36h</c>, or the clock folded,
/// <c>-(now() - ts)</c>) turned into a query parameter. EF Core would evaluate it into a constant and Npgsql would
/// write it as a literal such as <c>INTERVAL '-1 12:00:00'</c> for minus 36 hours, which PostgreSQL reads as minus one
/// day plus twelve hours (the sign binds to the days only), so a rule comparing with a negative duration of a day and
/// more would select the wrong customers. A parameter travels as a binary interval, exact. A value held in a field of
/// a constant object is what EF Core turns into a parameter (the shape of a captured variable).
/// </summary>
internal sealed class NegativeIntervals : ExpressionVisitor
{
    private static readonly NegativeIntervals Instance = new();

    public static Expression Rewrite(Expression predicate) => Instance.Visit(predicate)!;

    public override Expression? Visit(Expression? node) =>
        node is not null && (node.Type == typeof(TimeSpan) || node.Type == typeof(TimeSpan?)) && !RowReads.Any(node)
            ? AsParameterIfNegative(node)
            : base.Visit(node);

    private static Expression AsParameterIfNegative(Expression node)
    {
        var value = node is ConstantExpression constant ? constant.Value : Expression.Lambda(node).Compile(preferInterpretation: true).DynamicInvoke();
        return value is TimeSpan duration && duration < TimeSpan.Zero
            ? Expression.Convert(Expression.Field(Expression.Constant(new StrongBox<TimeSpan>(duration)), nameof(StrongBox<TimeSpan>.Value)), node.Type)
            : node;
    }

    /// <summary>Whether an expression reads a parameter (the row, an event of the row): if not, it is a value of the query.</summary>
    private sealed class RowReads : ExpressionVisitor
    {
        private bool _reads;

        public static bool Any(Expression node)
        {
            var visitor = new RowReads();
            visitor.Visit(node);
            return visitor._reads;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _reads = true;
            return node;
        }
    }
}
