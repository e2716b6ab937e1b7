using System.Linq.Expressions;

namespace Cdp.Rules.Linq;

/// <summary>
/// How the LINQ compiler reads a metric from its parameter. The expression must have the language's
/// CLR type for the metric (long, decimal, double, bool, string, DateOnly, DateTime, TimeSpan, or the
/// nullable form of each; a string sequence for text lists).
/// </summary>
internal interface IMetricBinder
{
    Expression? Bind(MetricDefinition metric, out string? problem);
}
