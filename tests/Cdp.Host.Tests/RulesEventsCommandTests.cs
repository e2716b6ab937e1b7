using static Cdp.Host.Tests.CommandLineRunner;

namespace Cdp.Host.Tests;

/// <summary>
/// <c>rules eval</c> and <c>rules explain</c> with <c>--events</c>: a rule with v2 aggregates reads the customers' events
/// (REES46 CSV); every target selects what the reference computes from them; without the file the rule is refused
/// naming the aggregate.
/// </summary>
public sealed class RulesEventsCommandTests : IDisposable
{
    private const string Rule = "count(purchases where brand = 'apple' in last 30d) >= 2 OR sum(price of carts) > 100";
    private readonly string _events = Path.Combine(Path.GetTempPath(), "cdp-events-" + Guid.NewGuid().ToString("N") + ".csv");

    public RulesEventsCommandTests() => File.WriteAllText(_events, """
        event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
        2019-10-20 10:00:00 UTC,purchase,1,2,electronics.smartphone,apple,999.00,512000000,a
        2019-10-21 10:00:00 UTC,purchase,1,2,electronics.smartphone,apple,999.00,512000000,a
        2019-11-02 10:00:00 UTC,purchase,1,2,electronics.smartphone,apple,999.00,512007919,b
        2019-10-25 10:00:00 UTC,purchase,1,2,electronics.smartphone,apple,10.00,512007919,b
        2019-10-25 10:00:00 UTC,cart,1,2,,,60.00,512015838,c
        2019-10-26 10:00:00 UTC,cart,1,2,,,60.00,512015838,c

        """.Replace("\n        ", "\n", StringComparison.Ordinal));

    public void Dispose() => File.Delete(_events);

    [Theory]
    [InlineData("reference")]
    [InlineData("linq")]
    [InlineData("duckdb")]
    public void Eval_computes_the_aggregates_from_the_events(string target)
    {
        var result = Run("rules", "eval", "--profiles", SampleProfiles, "--events", _events, "--target", target, "--as-of", "2019-10-31", Rule);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("512000000\n512015838\n", result.Stdout); // 512007919's second apple purchase is after the as-of day
    }

    [Fact]
    public void A_rule_with_aggregates_and_no_events_is_refused_naming_the_aggregate()
    {
        var result = Run("rules", "eval", "--profiles", SampleProfiles, "--as-of", "2019-10-31", Rule);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("`COUNT(purchases WHERE brand = 'apple' IN LAST 30d)` is computed from the customers' events: give them with --events", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_the_aggregates_values()
    {
        var result = Run("rules", "explain", "--profiles", SampleProfiles, "--events", _events, "--user", "512015838", "--as-of", "2019-10-31", Rule);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("COUNT(purchases WHERE brand = 'apple' IN LAST 30d) = 0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("SUM(price OF carts) = 120", result.Stdout, StringComparison.Ordinal);
    }
}
