using System.Globalization;

namespace Cdp.Rules.Syntax;

/// <summary>A duration as written: an amount of weeks, days or hours.</summary>
public readonly record struct Duration(long Amount, DurationUnit Unit)
{
    /// <summary>The length of time.</summary>
    public TimeSpan ToTimeSpan() => Unit switch
    {
        DurationUnit.Weeks => TimeSpan.FromDays(7 * Amount),
        DurationUnit.Days => TimeSpan.FromDays(Amount),
        _ => TimeSpan.FromHours(Amount),
    };

    /// <summary>The canonical text, e.g. <c>7d</c>.</summary>
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        DurationUnit.Weeks => "w",
        DurationUnit.Days => "d",
        _ => "h",
    };
}

/// <summary>The unit of a duration literal.</summary>
public enum DurationUnit
{
    /// <summary><c>h</c></summary>
    Hours,
    /// <summary><c>d</c></summary>
    Days,
    /// <summary><c>w</c></summary>
    Weeks,
}
