using Cdp.Pipeline.Metrics;
using Cdp.Rules;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The profile columns some rules read: the catalog metrics they name (a ratio's numerator and denominator and an
/// expression's metrics with them, as the profile query computes those from the others) and their v2 aggregates.
/// </summary>
internal static class ColumnsRead
{
    public static IReadOnlySet<string> Of(ProfileCatalog catalog, IEnumerable<Rule> rules)
    {
        var declarations = catalog.Declarations.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (var rule in rules)
        {
            foreach (var metric in rule.Metrics)
            {
                pending.Push(metric.Name);
            }

            columns.UnionWith(rule.Aggregates.Select(a => a.Name));
        }

        while (pending.TryPop(out var name))
        {
            if (!columns.Add(name) || !declarations.TryGetValue(name, out var declaration))
            {
                continue;
            }

            if (declaration is { Aggregate: MetricAggregate.Ratio, Numerator: { } numerator, Denominator: { } denominator })
            {
                pending.Push(numerator);
                pending.Push(denominator);
            }
            else if (declaration is { Aggregate: MetricAggregate.Expression, Expression: { } expression }
                && Rule.ParseExpression(expression, catalog.Catalog).Rule is { } parsed)
            {
                foreach (var metric in parsed.Metrics)
                {
                    pending.Push(metric.Name);
                }
            }
        }

        return columns;
    }
}
