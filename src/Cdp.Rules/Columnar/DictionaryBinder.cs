using System.Linq.Expressions;
using Cdp.Rules.Linq;

namespace Cdp.Rules.Columnar;

/// <summary>Binds the one metric of a sub-rule to an entry of its text dictionary (the last entry NULL), for evaluating once per distinct value.</summary>
internal sealed class DictionaryBinder(string metric, string?[] values, ParameterExpression slot) : IMetricBinder
{
    public Expression? Bind(MetricDefinition definition, out string? problem)
    {
        if (definition.Name != metric)
        {
            problem = $"the sub-rule reads `{definition.Name}` beside `{metric}`";
            return null;
        }

        problem = null;
        return Expression.ArrayIndex(Expression.Constant(values), slot);
    }
}
