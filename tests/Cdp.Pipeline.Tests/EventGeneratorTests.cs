using Cdp.Pipeline.Events;

namespace Cdp.Pipeline.Tests;

public class EventGeneratorTests
{
    private static string Generate(GeneratorOptions options)
    {
        var writer = new StringWriter();
        new EventGenerator(options).Write(writer);
        return writer.ToString();
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        var options = new GeneratorOptions(20_000, 2_000, 3, new DateOnly(2019, 11, 1), 42);
        Assert.Equal(Generate(options), Generate(options));
        Assert.NotEqual(Generate(options), Generate(options with { Seed = 43 }));
    }

    [Fact]
    public void Every_generated_line_passes_the_strict_parser_in_time_order()
    {
        var text = Generate(new GeneratorOptions(50_000, 5_000, 4, new DateOnly(2019, 10, 1), 7));
        var lines = EventFileReader.Read(new StringReader(text), "generated").ToList();
        Assert.Equal(50_000, lines.Count);
        Assert.All(lines, l => Assert.Null(l.Reason));
        var times = lines.Select(l => l.Event!.EventTime).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(new DateOnly(2019, 10, 1), DateOnly.FromDateTime(times[0]));
        Assert.Equal(new DateOnly(2019, 10, 4), DateOnly.FromDateTime(times[^1]));
    }

    /// <summary>
    /// The bands hold the data set's published figures (views 94-96%, carts 2-4.5%, purchases 1.4-1.8%,
    /// 4.6 events a session, a third without category code, 14% without brand) and the real sample's own
    /// (97.8% views in its first three hours), and the generator must land inside them too.
    /// </summary>
    [SampleFact]
    public void Generated_statistics_match_the_real_data()
    {
        var generated = EventFileReader.Read(new StringReader(Generate(new GeneratorOptions(300_000, 20_000, 10, new DateOnly(2019, 10, 1), 3))), "generated")
            .Select(l => l.Event!).ToList();
        var real = EventFileReader.ReadFile(SampleData.OctoberHead).Select(l => l.Event!).ToList();

        foreach (var (name, events) in new[] { ("generated", generated), ("real sample", real) })
        {
            double Share(Func<CommerceEvent, bool> test) => (double)events.Count(test) / events.Count;
            AssertWithin(name + " views", Share(e => e.EventType == EventType.View), 0.93, 0.985);
            AssertWithin(name + " carts", Share(e => e.EventType == EventType.Cart), 0.008, 0.045);
            AssertWithin(name + " purchases", Share(e => e.EventType == EventType.Purchase), 0.01, 0.02);
            AssertWithin(name + " events a session", (double)events.Count / events.Select(e => e.UserSession).Distinct().Count(), 3.0, 6.0);
            AssertWithin(name + " empty category code", Share(e => e.CategoryCode is null), 0.25, 0.40);
            AssertWithin(name + " empty brand", Share(e => e.Brand is null), 0.10, 0.22);
            var prices = events.Select(e => e.Price).Order().ToList();
            AssertWithin(name + " median price", (double)prices[prices.Count / 2], 50, 400);
            AssertWithin(name + " 90th percentile price", (double)prices[prices.Count * 9 / 10], 300, 1500);
            Assert.True(prices[^1] <= 2_600m, $"{name}: price {prices[^1]} above the data set's range");
            Assert.Contains(events, e => e.Price == 0m);
        }

        var perUser = generated.GroupBy(e => e.UserId).Select(g => g.Select(e => e.UserSession).Distinct().Count()).Order().ToList();
        Assert.True(perUser[^1] >= 10 * perUser[perUser.Count / 2], "a few users should have many more sessions than the median user");
    }

    [Fact]
    public void The_middle_day_has_a_purchase_spike()
    {
        var options = new GeneratorOptions(200_000, 10_000, 9, new DateOnly(2019, 11, 13), 5);
        var purchases = new EventGenerator(options).Generate().Where(e => e.EventType == EventType.Purchase)
            .GroupBy(e => e.EventDate).ToDictionary(g => g.Key, g => g.Count());
        var spike = purchases[options.Start.AddDays(options.SpikeDay)];
        var usual = purchases.Where(p => p.Key != options.Start.AddDays(options.SpikeDay)).Select(p => p.Value).Order().ToList()[4];
        AssertWithin("spike ratio", (double)spike / usual, 5, 11);
    }

    private static void AssertWithin(string what, double value, double low, double high) =>
        Assert.True(value >= low && value <= high, $"{what} = {value:0.####}, expected within [{low}, {high}]");
}
