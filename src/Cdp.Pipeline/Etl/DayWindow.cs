using Cdp.Rules.Checking;
using Cdp.Rules.Syntax;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// Which days an aggregate's events come from, as of a day D (<c>now()</c> = D+1 00:00Z), and whether its value can be
/// combined from per-day partial aggregates: that needs a condition that does not read the clock (<c>now()</c>,
/// <c>today()</c>, <c>days_since</c>), so a day's partial is the same whatever the as-of, and a window that starts at a
/// midnight (<c>IN LAST</c> whole days or weeks, or hours that make whole days; <c>SINCE</c> a date or a timestamp at
/// 00:00), so whole days are either in it or out of it.
/// </summary>
internal static class DayWindow
{
    /// <summary>Whether <paramref name="node"/>'s value as of any day is a combination of its per-day partials.</summary>
    public static bool CombinesFromDays(AggregateNode node) =>
        !ReadsClock(node.Where) && node switch
        {
            { Last.Value: Duration last } => last.Unit != DurationUnit.Hours || last.Amount % 24 == 0,
            { Since: LiteralNode { Value: DateOnly } } => true,
            { Since: LiteralNode { Value: DateTime since } } => since.TimeOfDay == TimeSpan.Zero,
            { Since: not null } => false,
            _ => true,
        };

    /// <summary>
    /// The first day whose events count as of <paramref name="asOf"/>, for an aggregate that <see cref="CombinesFromDays"/>
    /// (exact), or a day before which none can count for one that does not (a bound for reading the lake); null: from the first day.
    /// </summary>
    public static DateOnly? FirstDay(AggregateNode node, DateOnly asOf) => node switch
    {
        { Last.Value: Duration last } => FirstDayOf(asOf, last),
        { Since: LiteralNode { Value: DateOnly since } } => since,
        { Since: LiteralNode { Value: DateTime since } } => DateOnly.FromDateTime(since),
        _ => null,
    };

    /// <summary>The first day of the catalog's window of <paramref name="days"/> days ending with <paramref name="asOf"/>.</summary>
    public static DateOnly FirstDayOf(DateOnly asOf, int days) => asOf.AddDays(1 - days);

    /// <summary>Whether a condition reads the clock anywhere in it.</summary>
    public static bool ReadsClock(RuleNode? node) => node switch
    {
        null => false,
        FunctionNode { Name: var name } when name.Equals(Functions.Now, StringComparison.OrdinalIgnoreCase)
            || name.Equals(Functions.Today, StringComparison.OrdinalIgnoreCase)
            || name.Equals(Functions.DaysSince, StringComparison.OrdinalIgnoreCase) => true,
        _ => SyntaxChildren.Of(node).Any(ReadsClock),
    };

    // now() - d = D+1 00:00 - d: the day of that instant (its midnight when d is whole days); a window longer than the
    // calendar reaches back to the first day.
    private static DateOnly? FirstDayOf(DateOnly asOf, Duration last)
    {
        var hours = last.Unit switch
        {
            DurationUnit.Weeks => 7m * 24 * last.Amount,
            DurationUnit.Days => 24m * last.Amount,
            _ => last.Amount,
        };
        var end = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return hours >= (decimal)(end - DateTime.MinValue).TotalHours ? null : DateOnly.FromDateTime(end.AddHours((double)-hours));
    }
}
