using System.Linq.Expressions;

namespace Cdp.Rules.Linq;

/// <summary>Finds whether an expression reads a lambda parameter (the profile, a row, or a clock given per call).</summary>
internal sealed class ParameterFinder : ExpressionVisitor
{
    private bool _found;

    public bool Finds(Expression expression)
    {
        _found = false;
        Visit(expression);
        return _found;
    }

    public override Expression? Visit(Expression? node) => _found ? node : base.Visit(node);

    protected override Expression VisitParameter(ParameterExpression node)
    {
        _found = true;
        return node;
    }
}
