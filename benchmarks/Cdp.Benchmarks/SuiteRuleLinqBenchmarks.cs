using BenchmarkDotNet.Attributes;
using Cdp.Benchmarks.Suite;
using Cdp.Rules;

namespace Cdp.Benchmarks;

/// <summary>
/// Each of the backend suite's five rules over 1,000,000 profile objects: the compiled LINQ delegate against the
/// suite's hand-written C# loop (the baseline) in the same run, under BenchmarkDotNet (issue "Performance, round two",
/// item 6: within 1.25x on every rule).
/// <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- --filter *SuiteRuleLinq*</c>
/// </summary>
public class SuiteRuleLinqBenchmarks
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
    private static readonly IMetricCatalog Catalog = new MetricCatalog(Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog.Metrics.Where(m => SuiteProfile.Generate(1)[0].ToRow().ContainsKey(m.Name)));

    public static IEnumerable<string> Rules => SuiteRule.All.Select(r => r.Name);

    [ParamsSource(nameof(Rules))]
    public string Rule { get; set; } = "";

    private SuiteProfile[] _profiles = [];
    private Func<SuiteProfile, bool> _handWritten = null!;
    private Func<SuiteProfile, bool> _compiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _profiles = SuiteProfile.Generate(1_000_000);
        var rule = SuiteRule.All.Single(r => r.Name == Rule);
        _handWritten = rule.HandWritten;
        _compiled = LinqTarget.Compile<SuiteProfile>(Cdp.Rules.Rule.Parse(rule.Text, Catalog).Rule!, Clock).GetOutputOrThrow();
        if (Count(_compiled) != Count(_handWritten))
        {
            throw new InvalidOperationException($"compiled LINQ and the hand-written loop disagree on `{rule.Text}`");
        }
    }

    [Benchmark(Baseline = true, Description = "hand-written C# loop")]
    public int HandWritten() => Count(_handWritten);

    [Benchmark(Description = "compiled LINQ delegate")]
    public int Compiled() => Count(_compiled);

    private int Count(Func<SuiteProfile, bool> isMember)
    {
        var count = 0;
        foreach (var profile in _profiles)
        {
            if (isMember(profile))
            {
                count++;
            }
        }

        return count;
    }
}
