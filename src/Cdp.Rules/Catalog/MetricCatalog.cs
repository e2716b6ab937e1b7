using System.Text.RegularExpressions;

namespace Cdp.Rules;

/// <summary>An in-memory metric catalog.</summary>
public sealed partial class MetricCatalog : IMetricCatalog
{
    private readonly Dictionary<string, MetricDefinition> _byName;

    /// <summary>Creates a catalog; names must be identifiers and unique ignoring case.</summary>
    public MetricCatalog(IEnumerable<MetricDefinition> metrics)
    {
        var list = metrics.ToList();
        _byName = new Dictionary<string, MetricDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var metric in list)
        {
            if (!IdentifierPattern().IsMatch(metric.Name))
            {
                throw new ArgumentException($"Metric name `{metric.Name}` is not an identifier ([A-Za-z_][A-Za-z0-9_]*).", nameof(metrics));
            }

            if (!_byName.TryAdd(metric.Name, metric))
            {
                throw new ArgumentException($"Metric `{metric.Name}` is declared twice.", nameof(metrics));
            }
        }

        Metrics = list;
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricDefinition> Metrics { get; }

    /// <inheritdoc />
    public bool TryGetMetric(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MetricDefinition? metric)
        => _byName.TryGetValue(name, out metric);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
