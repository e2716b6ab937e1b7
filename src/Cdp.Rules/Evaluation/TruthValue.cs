namespace Cdp.Rules;

/// <summary>The three values of SQL logic. A customer is in a segment only when the rule is <see cref="True"/>.</summary>
public enum TruthValue
{
    /// <summary>FALSE</summary>
    False,
    /// <summary>TRUE</summary>
    True,
    /// <summary>UNKNOWN: the rule depends on a NULL.</summary>
    Unknown,
}
