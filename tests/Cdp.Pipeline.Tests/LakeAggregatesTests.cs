using Cdp.Pipeline.Etl;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// The preview's aggregates over the lake: only the days of the widest window are read when every aggregate has one,
/// and a customer with no events in them gets the values over no events (0 for COUNT and SUM, NULL otherwise), so
/// every customer's values equal the reference's from all their events.
/// </summary>
public sealed class LakeAggregatesTests
{
    [Theory]
    [InlineData("count(carts IN LAST 3d) = 0 AND sum(price of purchases SINCE 2019-10-20) >= 0 AND count(distinct user_session of views IN LAST 36h) >= 0 AND avg(price of carts IN LAST 2d) IS NULL")]
    [InlineData("count(events) > 0 AND count(purchases IN LAST 1d) = 0")]
    public async Task Every_customers_values_equal_the_references_from_all_their_events(string text)
    {
        using var data = new TemporaryDirectory();
        await GeneratedLake.IngestAsync(data.Path, new Events.GeneratorOptions(20_000, 600, 30, new DateOnly(2019, 10, 1), 12));
        var byUser = await GeneratedLake.EventsByUserAsync(data.Path);
        var rule = Rule.Parse(text, Metrics.ProfileCatalog.Default.Catalog).Rule!;
        var asOf = new DateOnly(2019, 10, 25);
        var clock = RuleClock.AsOfDate(asOf);

        var (aggregates, values, withoutEvents) = LakeAggregates.Compute(data.Path, rule, asOf);

        var outside = 0;
        foreach (var (user, events) in byUser)
        {
            var expected = rule.ComputeAggregates(events, clock);
            var row = values.GetValueOrDefault(user);
            outside += row is null ? 1 : 0;
            Assert.Equal(aggregates.Select(a => expected[a.Name]), row ?? withoutEvents);
        }

        var allHistory = text.Contains("count(events)", StringComparison.Ordinal);
        var before = byUser.Count(u => u.Value.Any(e => DateOnly.FromDateTime(e.EventTime) <= asOf));
        Assert.True(values.Count > 0, "some customers have events in the windows");
        Assert.Equal(allHistory, values.Count == before); // all history: every customer with events up to D; windows: fewer

    }

    [Fact]
    public void The_first_day_read_is_the_earliest_window_start_and_none_without_a_window()
    {
        var clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 25)); // now() = 2019-10-26 00:00Z
        DateOnly? First(string text) => LakeAggregates.FirstDay(Rule.Parse(text, Metrics.ProfileCatalog.Default.Catalog).Rule!.DerivedNodes().OfType<Rules.Syntax.AggregateNode>(), clock);

        Assert.Equal(new DateOnly(2019, 10, 23), First("count(carts IN LAST 3d) > 0"));
        Assert.Equal(new DateOnly(2019, 10, 24), First("count(carts IN LAST 36h) > 0"));
        Assert.Equal(new DateOnly(2019, 10, 20), First("count(carts IN LAST 3d) > 0 AND count(views SINCE 2019-10-20) > 0"));
        Assert.Equal(new DateOnly(2019, 10, 15), First("count(views SINCE today() - 10d) > 0"));
        Assert.Null(First("count(carts IN LAST 3d) > 0 AND count(views) > 0"));
    }
}
