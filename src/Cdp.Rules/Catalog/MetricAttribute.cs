namespace Cdp.Rules;

/// <summary>
/// Names the metric a property of a profile class holds, where the convention (the metric name without
/// underscores, ignoring case: <c>sessions_7d</c> is <c>Sessions7d</c>) does not fit.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false)]
public sealed class MetricAttribute(string? name = null) : Attribute
{
    /// <summary>The metric's name in the catalog; none, the property's name in snake case (<c>LoginCount30d</c> is <c>login_count_30d</c>).</summary>
    public string? Name { get; } = name;

    /// <summary>What the metric means, for <see cref="MetricCatalog.FromType{TProfile}"/>.</summary>
    public string? Description { get; init; }

    /// <summary>Its unit (USD, days, ...), added to the description.</summary>
    public string? Unit { get; init; }
}
