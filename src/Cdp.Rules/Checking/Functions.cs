namespace Cdp.Rules.Checking;

/// <summary>The built-in functions of v1.</summary>
public static class Functions
{
    /// <summary><c>today()</c>: the as-of date.</summary>
    public const string Today = "today";
    /// <summary><c>now()</c>: the as-of instant.</summary>
    public const string Now = "now";
    /// <summary><c>coalesce(a, b, ...)</c>: the first non-NULL argument.</summary>
    public const string Coalesce = "coalesce";
    /// <summary><c>abs(x)</c>.</summary>
    public const string Abs = "abs";
    /// <summary><c>lower(text)</c>: lower case, invariant culture.</summary>
    public const string Lower = "lower";
    /// <summary><c>days_since(timestamp)</c>: whole UTC days from the value's date to the as-of date.</summary>
    public const string DaysSince = "days_since";

    /// <summary>Every function name.</summary>
    public static IReadOnlyList<string> All { get; } = [Today, Now, Coalesce, Abs, Lower, DaysSince];
}
