namespace Cdp.Rules;

/// <summary>The types of the rule language. Metrics declare one; every expression has one.</summary>
public enum MetricType
{
    /// <summary>TRUE / FALSE.</summary>
    Bool,
    /// <summary>64-bit integer.</summary>
    Int,
    /// <summary>Exact decimal (metrics hold 2 places).</summary>
    Money,
    /// <summary>Double-precision floating point.</summary>
    Number,
    /// <summary>Unicode text, compared ordinally.</summary>
    Text,
    /// <summary>A UTC calendar date.</summary>
    Date,
    /// <summary>A UTC instant.</summary>
    Timestamp,
    /// <summary>A length of time.</summary>
    Duration,
    /// <summary>A list of texts.</summary>
    TextList,
}
