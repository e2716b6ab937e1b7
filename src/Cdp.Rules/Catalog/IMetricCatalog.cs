namespace Cdp.Rules;

/// <summary>The metrics rules may name. Names are matched case-insensitively.</summary>
public interface IMetricCatalog
{
    /// <summary>Every metric, in catalog order.</summary>
    IReadOnlyList<MetricDefinition> Metrics { get; }

    /// <summary>Finds a metric by name, ignoring case.</summary>
    bool TryGetMetric(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MetricDefinition? metric);
}
