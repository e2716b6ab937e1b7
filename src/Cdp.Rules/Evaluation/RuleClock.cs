namespace Cdp.Rules;

/// <summary>
/// The as-of clock a rule is evaluated against: <c>today()</c> and <c>now()</c> read it, never the wall clock.
/// </summary>
/// <param name="Today">The value of <c>today()</c>.</param>
/// <param name="Now">The value of <c>now()</c>, a UTC instant.</param>
public readonly record struct RuleClock(DateOnly Today, DateTime Now)
{
    /// <summary>
    /// The clock at the close of day <paramref name="date"/>, as profiles "as of D" are: <c>today()</c> is D and
    /// <c>now()</c> is the instant D ends (D+1 at 00:00:00Z), so every event of day D lies before it.
    /// </summary>
    public static RuleClock AsOfDate(DateOnly date) =>
        new(date, DateTime.SpecifyKind(date.AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc));

    /// <summary>The clock of a time provider at this moment (<see cref="TimeProvider.System"/>, or a test's fake).</summary>
    public static RuleClock From(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return AtInstant(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Whether the clock was made by one of its factories (<c>default(RuleClock)</c> has no time).</summary>
    public bool IsSet => Now != default;

    /// <summary>The clock, or a clear error for <c>default(RuleClock)</c> (which would otherwise fail deep in date arithmetic); for targets of your own.</summary>
    /// <param name="clock">The clock a caller passed.</param>
    /// <param name="parameter">The caller's parameter name, for the exception.</param>
    public static RuleClock Require(RuleClock clock, string parameter) => clock.IsSet ? clock
        : throw new ArgumentException("the clock is default(RuleClock), which has no time: make it with RuleClock.AsOfDate(day), RuleClock.AtInstant(instant) or RuleClock.From(TimeProvider)", parameter);

    /// <summary>The clock at an instant: <c>now()</c> is the instant, <c>today()</c> its UTC date.</summary>
    public static RuleClock AtInstant(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        return new RuleClock(DateOnly.FromDateTime(utc), utc);
    }
}
