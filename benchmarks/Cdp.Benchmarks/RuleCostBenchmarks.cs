using BenchmarkDotNet.Attributes;
using Cdp.Rules;

namespace Cdp.Benchmarks;

/// <summary>What one rule costs before it runs: parse + check, and compile to a delegate.</summary>
[MemoryDiagnoser]
public class RuleCostBenchmarks
{
    public const string CardRule = "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)";
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
    private Rule _rule = null!;

    [GlobalSetup]
    public void Setup() => _rule = Rule.Parse(CardRule, Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog).Rule!;

    [Benchmark(Description = "parse + check")]
    public Rule? ParseAndCheck() => Rule.Parse(CardRule, Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog).Rule;

    [Benchmark(Description = "compile to delegate")]
    public Func<BenchmarkProfile, bool>? CompileToDelegate() => LinqTarget.Compile<BenchmarkProfile>(_rule, Clock).Output;

    [Benchmark(Description = "parse + check + compile")]
    public Func<BenchmarkProfile, bool>? Everything() => LinqTarget.Compile<BenchmarkProfile>(Rule.Parse(CardRule, Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog).Rule!, Clock).Output;
}
