namespace Cdp.Rules;

/// <summary>
/// Names the metric a property of a profile class holds, where the convention (the metric name without
/// underscores, ignoring case: <c>sessions_7d</c> is <c>Sessions7d</c>) does not fit.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class MetricAttribute(string name) : Attribute
{
    /// <summary>The metric's name in the catalog.</summary>
    public string Name { get; } = name;
}
