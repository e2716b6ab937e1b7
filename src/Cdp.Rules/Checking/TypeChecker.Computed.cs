using Cdp.Rules.Diagnostics;
using Cdp.Rules.Parsing;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Checking;

/// <summary>
/// Computed metrics (v2): a name that stands for an expression over catalog metrics and event aggregates. The checker
/// puts the expression's tree where the name was written (at the name's span), so every target, the evaluator and
/// the ETL see the aggregates it reads; the printer writes the name back, so a saved rule keeps naming the metric.
/// </summary>
internal sealed partial class TypeChecker
{
    private readonly RuleOptions _options;
    private readonly Dictionary<RuleNode, string> _computedNames = new(ReferenceEqualityComparer.Instance);
    private bool _expanding;

    private ComputedMetric? ComputedMetricNamed(string name) => _options.ComputedMetrics?.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    private Typed Expand(MetricNode node, ComputedMetric metric)
    {
        if (_expanding)
        {
            Error(DiagnosticCodes.NotAllowedHere, node.Span, $"a computed metric cannot use another computed metric (`{metric.Name}`)");
            return new Typed(node, null);
        }

        var problems = new List<Diagnostic>();
        var body = RuleParser.Parse(new SourceText(metric.Expression), RuleOptions.Default, problems);
        if (body is null)
        {
            Error(DiagnosticCodes.UnknownMetric, node.Span, $"computed metric `{metric.Name}` does not parse (`{metric.Expression}`): {problems.FirstOrDefault()?.Message}");
            return new Typed(node, null);
        }

        _expanding = true;
        var before = _diagnostics.Count;
        try
        {
            var typed = Visit(SyntaxRespan.At(body, node.Span));
            if (typed.Type is not null && _diagnostics.Count == before)
            {
                _computedNames[typed.Node] = metric.Name;
            }

            return typed;
        }
        finally
        {
            _expanding = false;
        }
    }
}
