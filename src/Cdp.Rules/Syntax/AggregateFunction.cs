namespace Cdp.Rules.Syntax;

/// <summary>What an event aggregate computes (v2).</summary>
public enum AggregateFunction
{
    /// <summary><c>COUNT(events)</c>: how many events match; 0 when none.</summary>
    Count,

    /// <summary><c>COUNT(DISTINCT field OF events)</c>: how many distinct non-NULL values; 0 when none.</summary>
    CountDistinct,

    /// <summary><c>SUM(field OF events)</c>: 0 when none.</summary>
    Sum,

    /// <summary><c>AVG(field OF events)</c>: a number; NULL when none.</summary>
    Avg,

    /// <summary><c>MIN(field OF events)</c>: NULL when none.</summary>
    Min,

    /// <summary><c>MAX(field OF events)</c>: NULL when none.</summary>
    Max,

    /// <summary><c>FIRST(events)</c>: the earliest matching event's time; NULL when none.</summary>
    First,

    /// <summary><c>LAST(events)</c>: the latest matching event's time; NULL when none.</summary>
    Last,
}
