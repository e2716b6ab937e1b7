using System.Collections;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>Every metric of every customer from the generated SQL equals the plain computation from metrics.md.</summary>
public class EtlTests
{
    [Fact]
    public async Task The_real_sample_gives_the_metrics_of_metrics_md()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        var events = EventFileReader.ReadFile(SampleData.OctoberHead).Select(l => l.Event!).ToList();
        AssertSameProfiles(data.Path, events, new DateOnly(2019, 10, 1));
        AssertSameProfiles(data.Path, events, new DateOnly(2019, 10, 9));
    }

    [Fact]
    public async Task Generated_days_give_the_metrics_of_metrics_md_at_the_window_edges()
    {
        using var data = new TemporaryDirectory();
        var path = Path.Combine(data.Path, "events.csv");
        using (var file = new StreamWriter(path))
        {
            new EventGenerator(new GeneratorOptions(60_000, 1_500, 40, new DateOnly(2019, 10, 1), 9)).Write(file);
        }

        await EmbeddedIngest.RunAsync(path, data.Path);
        var events = EventFileReader.ReadFile(path).Select(l => l.Event!).ToList();

        // Before the data, at a 7-day edge, at a 30-day edge, at the end and after it.
        foreach (var asOf in new[] { new DateOnly(2019, 9, 30), new DateOnly(2019, 10, 7), new DateOnly(2019, 10, 30), new DateOnly(2019, 11, 9), new DateOnly(2019, 11, 20) })
        {
            AssertSameProfiles(data.Path, events, asOf);
        }
    }

    [Fact]
    public async Task Exported_profiles_feed_straight_back_into_the_rule_tools()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var etl = new DuckDbEtl(data.Path, ProfileCatalog.Default);
        etl.Run(new DateOnly(2019, 10, 1));
        var csv = new StringWriter();
        var rows = etl.Export(csv);

        var read = ProfileCsvReader.Read(new StringReader(csv.ToString()), MetricCatalog.Default).ToList();
        Assert.Equal(4_504, rows);
        Assert.Equal(rows, read.Count);
        var rule = Rule.Parse("sessions_7d >= 2 OR purchases_total > 0").Rule!;
        var clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 1));
        var members = read.Count(p => rule.Evaluate(p.Metrics, clock) == TruthValue.True);
        Assert.InRange(members, 1, 4_503);
    }

    [Fact]
    public async Task Running_again_rebuilds_only_changed_days()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var etl = new DuckDbEtl(data.Path, ProfileCatalog.Default);
        var first = etl.Run(new DateOnly(2019, 10, 1));
        var second = etl.Run(new DateOnly(2019, 10, 1));
        Assert.Equal(1, first.DaysBuilt);
        Assert.Equal(0, second.DaysBuilt);
        Assert.Equal(first.DailyRows, second.DailyRows);
        Assert.Equal(4_504, second.Profiles);
    }

    private static void AssertSameProfiles(string data, List<CommerceEvent> events, DateOnly asOf)
    {
        using var etl = new DuckDbEtl(data, ProfileCatalog.Default);
        etl.Run(asOf);
        var expected = ReferenceProfiles.Compute(events, asOf);
        var actual = etl.Profiles().ToDictionary(p => p.UserId, p => p.Metrics);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (user, metrics) in expected)
        {
            foreach (var (name, value) in metrics)
            {
                var got = actual[user][name];
                var same = value is IEnumerable list and not string
                    ? got is IEnumerable other && list.Cast<object>().SequenceEqual(other.Cast<object>())
                    : Equals(value, got);
                Assert.True(same, $"as of {asOf:yyyy-MM-dd}, user {user}, {name}: expected {Show(value)}, the ETL gave {Show(got)}");
            }
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        IEnumerable list and not string => "[" + string.Join(",", list.Cast<object>()) + "]",
        _ => $"{value} ({value.GetType().Name})",
    };
}
