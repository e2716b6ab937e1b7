using System.Linq.Expressions;
using Cdp.Rules.Linq;

namespace Cdp.Rules.Columnar;

/// <summary>Binds metrics to a table's columns at a row index, for the parts of a rule the kernels do not cover.</summary>
internal sealed class ColumnBinder(ColumnTable table, ParameterExpression row) : IMetricBinder
{
    public Expression? Bind(MetricDefinition metric, out string? problem)
    {
        problem = null;
        var column = table.Column(metric.Name);
        if (column is null)
        {
            problem = $"the column table has no column for metric `{metric.Name}`";
            return null;
        }

        var getter = column switch
        {
            Int64Column => nameof(Int64Column.GetInt64),
            Int32Column => nameof(Int32Column.GetInt64),
            ScaledDecimal32Column => nameof(ScaledDecimal32Column.GetDecimal),
            DoubleColumn => nameof(DoubleColumn.GetDouble),
            ScaledDecimalColumn => nameof(ScaledDecimalColumn.GetDecimal),
            BoolColumn => nameof(BoolColumn.GetBool),
            TextColumn => nameof(TextColumn.GetText),
            TimestampColumn => nameof(TimestampColumn.GetTimestamp),
            _ => metric.Type switch
            {
                MetricType.Date => nameof(ObjectColumn.GetDate),
                MetricType.Duration => nameof(ObjectColumn.GetDuration),
                _ => nameof(ObjectColumn.GetTextList),
            },
        };
        return Expression.Call(Expression.Constant(column), column.GetType().GetMethod(getter)!, row);
    }
}
