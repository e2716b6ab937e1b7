using System.Linq.Dynamic.Core;
using BenchmarkDotNet.Attributes;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Segments;
using Cdp.Rules;
using Cdp.Rules.Columnar;
using RulesEngine.Models;
using Rule = Cdp.Rules.Rule;

namespace Cdp.Benchmarks;

/// <summary>
/// The card's rule counted over 1,000,000 profiles by every in-process backend and by the peers a .NET
/// user would pick instead (System.Linq.Dynamic.Core, Microsoft RulesEngine, the same rule in their
/// syntax), against a hand-written loop over the objects. Every backend's count is checked equal first.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class BackendBenchmarks
{
    private const int Rows = 1_000_000;
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
    private BenchmarkProfile[] _objects = [];
    private IReadOnlyDictionary<string, object?>[] _rows = [];
    private Rule _rule = null!;
    private Func<BenchmarkProfile, bool> _linq = null!;
    private Func<IReadOnlyDictionary<string, object?>, bool> _linqRows = null!;
    private Func<BenchmarkProfile, bool> _dynamic = null!;
    private RulesEngine.RulesEngine _rulesEngine = null!;
    private ColumnTable _columns = null!;
    private DuckDbSegmentEngine _duckDb = null!;

    [GlobalSetup]
    public void Setup()
    {
        _objects = BenchmarkProfile.Generate(Rows);
        _rows = _objects.Select(p => p.ToRow()).ToArray();
        _rule = Rule.Parse(RuleCostBenchmarks.CardRule, Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog).Rule!;
        _linq = LinqTarget.Compile<BenchmarkProfile>(_rule, Clock).GetOutputOrThrow();
        _linqRows = LinqTarget.CompileRows(_rule, Clock);
        _dynamic = DynamicExpressionParser.ParseLambda<BenchmarkProfile, bool>(ParsingConfig.Default, false,
            "Sessions7d > 3 && (CartRate >= 0.2 || Spend30d > 100)").Compile();
        _rulesEngine = new RulesEngine.RulesEngine([new Workflow
        {
            WorkflowName = "segments",
            Rules = [new RulesEngine.Models.Rule { RuleName = "card", Expression = "input1.Sessions7d > 3 AND (input1.CartRate >= 0.2 OR input1.Spend30d > 100)" }],
        }]);
        var catalog = new MetricCatalog(Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog.Metrics.Where(m => m.Name is "sessions_7d" or "cart_rate" or "spend_30d"));
        _columns = ColumnTable.FromRows(_objects.Select(p => (p.UserId, p.ToRow())).ToList(), catalog);
        _duckDb = new DuckDbSegmentEngine(catalog);
        _duckDb.Load(_objects.Select(p => new ProfileRow(p.UserId, p.ToRow())));

        var expected = HandWritten();
        long[] counts = [LinqObjects(), LinqRows(), Columnar(), DuckDb(), DynamicLinq(), Reference()];
        if (counts.Any(c => c != expected) || RulesEngineCount(10_000) != _objects.Take(10_000).Count(p => _linq(p)))
        {
            throw new InvalidOperationException($"the backends disagree: {expected} vs {string.Join(", ", counts)}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _duckDb.Dispose();

    [Benchmark(Baseline = true, Description = "hand-written C# loop over objects")]
    public long HandWritten()
    {
        long count = 0;
        foreach (var p in _objects)
        {
            if (p.Sessions7d > 3 && (p.CartRate >= 0.2 || p.Spend30d > 100m))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Description = "Cdp columnar")]
    public long Columnar() => ColumnarTarget.Evaluate(_rule, Clock, _columns).Count;

    [Benchmark(Description = "Cdp compiled LINQ over objects")]
    public long LinqObjects() => _objects.LongCount(_linq);

    [Benchmark(Description = "Cdp compiled LINQ over rows")]
    public long LinqRows() => _rows.LongCount(_linqRows);

    [Benchmark(Description = "Cdp reference interpreter")]
    public long Reference() => _rows.LongCount(r => _rule.Evaluate(r, Clock) == TruthValue.True);

    [Benchmark(Description = "DuckDB in-memory table (generated SQL)")]
    public long DuckDb() => _duckDb.Members(_rule, Clock).Count;

    [Benchmark(Description = "System.Linq.Dynamic.Core")]
    public long DynamicLinq() => _objects.LongCount(_dynamic);

    [Benchmark(Description = "Microsoft RulesEngine (1/10 of the rows, x10)")]
    public long RulesEngineRun() => RulesEngineCount(Rows / 10) * 10;

    private long RulesEngineCount(int rows)
    {
        long count = 0;
        for (var i = 0; i < rows; i++)
        {
            var results = _rulesEngine.ExecuteAllRulesAsync("segments", _objects[i]).GetAwaiter().GetResult();
            if (results[0].IsSuccess)
            {
                count++;
            }
        }

        return count;
    }
}
