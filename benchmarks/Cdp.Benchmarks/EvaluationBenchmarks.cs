using BenchmarkDotNet.Attributes;
using Cdp.Rules;

namespace Cdp.Benchmarks;

/// <summary>
/// Counting the members of the card's rule over 1,000,000 profile objects: the compiled LINQ delegate
/// against a hand-written C# lambda (the baseline) in the same run, and the reference interpreter.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    [Params(1_000_000)]
    public int Profiles { get; set; }

    private BenchmarkProfile[] _profiles = [];
    private IReadOnlyDictionary<string, object?>[] _rows = [];
    private Func<BenchmarkProfile, bool> _handWritten = null!;
    private Func<BenchmarkProfile, bool> _compiled = null!;
    private Func<IReadOnlyDictionary<string, object?>, bool> _compiledRows = null!;
    private Rule _rule = null!;

    [GlobalSetup]
    public void Setup()
    {
        _profiles = BenchmarkProfile.Generate(Profiles);
        _rows = _profiles.Select(p => p.ToRow()).ToArray();
        _rule = Rule.Parse(RuleCostBenchmarks.CardRule, Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog).Rule!;
        _compiled = LinqTarget.Compile<BenchmarkProfile>(_rule, Clock).GetOutputOrThrow();
        _compiledRows = LinqTarget.CompileRows(_rule, Clock);
        _handWritten = p => p.Sessions7d > 3 && (p.CartRate >= 0.2 || p.Spend30d > 100m);
        var expected = Count(_handWritten);
        if (Count(_compiled) != expected || CountReference() != expected)
        {
            throw new InvalidOperationException("the backends disagree on the member count");
        }
    }

    [Benchmark(Baseline = true, Description = "hand-written C# lambda")]
    public int HandWritten() => Count(_handWritten);

    [Benchmark(Description = "compiled LINQ delegate")]
    public int Compiled() => Count(_compiled);

    [Benchmark(Description = "compiled LINQ over rows")]
    public int CompiledRows()
    {
        var count = 0;
        foreach (var row in _rows)
        {
            if (_compiledRows(row))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Description = "reference interpreter over rows")]
    public int Reference() => CountReference();

    private int CountReference()
    {
        var count = 0;
        foreach (var row in _rows)
        {
            if (_rule.Evaluate(row, Clock) == TruthValue.True)
            {
                count++;
            }
        }

        return count;
    }

    private int Count(Func<BenchmarkProfile, bool> isMember)
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
