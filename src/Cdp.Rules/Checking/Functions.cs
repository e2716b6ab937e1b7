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

    /// <summary>Every function as an editor shows it: how it is called and what it gives.</summary>
    public static IReadOnlyList<FunctionSignature> Signatures { get; } =
    [
        new(Today, "today()", "the as-of date"),
        new(Now, "now()", "the as-of instant"),
        new(Coalesce, "coalesce(a, b, ...)", "the first value that is not NULL"),
        new(Abs, "abs(x)", "the absolute value"),
        new(Lower, "lower(text)", "text with A-Z folded to a-z"),
        new(DaysSince, "days_since(timestamp)", "days from the UTC date of a time to today()"),
    ];
}

/// <summary>A function of the language as people read it: name, how it is called, what it gives.</summary>
public sealed record FunctionSignature(string Name, string Signature, string Description);
