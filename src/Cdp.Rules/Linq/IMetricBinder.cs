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

    /// <summary>The collection of the customer's events an aggregate over <paramref name="kind"/> reads (v2), if the parameter has one.</summary>
    EventCollection? Events(Syntax.EventKind kind) => null;
}

/// <summary>A collection of events on the profile: the expression that reads it, its element type, and whether it holds only the kind asked for.</summary>
internal sealed record EventCollection(Expression Source, Type EventType, bool OfOneKind);
