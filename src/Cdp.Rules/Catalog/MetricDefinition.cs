namespace Cdp.Rules;

/// <summary>A metric a rule can name: its canonical name, its type and what it means.</summary>
/// <param name="Name">The canonical spelling, e.g. <c>sessions_7d</c>.</param>
/// <param name="Type">The value type.</param>
/// <param name="Description">One line for people: shown in diagnostics, autocomplete and exports.</param>
public sealed record MetricDefinition(string Name, MetricType Type, string Description);
