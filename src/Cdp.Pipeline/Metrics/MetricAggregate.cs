namespace Cdp.Pipeline.Metrics;

/// <summary>How a profile metric is computed from a customer's events in its window.</summary>
public enum MetricAggregate
{
    /// <summary>Number of events passing the filter (0 when none).</summary>
    Count,
    /// <summary>Sum of price over the events (0 when none).</summary>
    SumPrice,
    /// <summary>Number of distinct non-empty values of <see cref="MetricDeclaration.Field"/>.</summary>
    DistinctCount,
    /// <summary>Earliest event time (NULL when none).</summary>
    MinTime,
    /// <summary>Latest event time (NULL when none).</summary>
    MaxTime,
    /// <summary>Most frequent non-empty value of the field; ties go to the ordinally smallest; NULL when none.</summary>
    Top,
    /// <summary>Distinct non-empty values of the field, sorted; NULL when none.</summary>
    List,
    /// <summary>A rule-language expression over other profile metrics (<see cref="MetricDeclaration.Expression"/>).</summary>
    Expression,
    /// <summary>Numerator metric / denominator metric as a double; NULL when the denominator is 0.</summary>
    Ratio,
}
