using System.Linq.Expressions;
using Cdp.Rules.Runtime;

namespace Cdp.Rules.Linq;

/// <summary>Binds metrics to the entries of a row (metric name to value); a missing entry is NULL.</summary>
internal sealed class RowMetricBinder(ParameterExpression row) : IMetricBinder
{
    public Expression? Bind(MetricDefinition metric, out string? problem)
    {
        problem = null;
        var method = typeof(RowAccess).GetMethod(RowAccess.MethodFor(metric.Type))!;
        return Expression.Call(method, row, Expression.Constant(metric.Name));
    }
}
