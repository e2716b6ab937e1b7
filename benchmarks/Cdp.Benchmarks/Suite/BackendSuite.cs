using System.Diagnostics;
using System.Globalization;
using System.Linq.Dynamic.Core;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Segments;
using Cdp.Rules;
using Cdp.Rules.Columnar;
using RulesEngine.Models;
using Rule = Cdp.Rules.Rule;

namespace Cdp.Benchmarks.Suite;

/// <summary>
/// The backend suite: the same generated profiles (fixed seed), the same five rules, every backend counting
/// members; a hand-written C# loop per rule is the baseline and a single-thread sum over a long[] of the same
/// length is the memory-bandwidth probe. Every backend's count must equal the hand-written loop's before it
/// is timed (a disagreement stops the run: in quick mode that is the CI check). Times are the median of
/// repeated runs in one process after a warm-up to optimised code (7 under a second, 3 under 5 seconds, else 1).
/// </summary>
public sealed class BackendSuite(string? postgres, TextWriter log)
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
    private static readonly IMetricCatalog Catalog = new MetricCatalog(Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog.Metrics.Where(m => SuiteProfile.Generate(1)[0].ToRow().ContainsKey(m.Name)));

    public sealed record Measurement(string Rule, string Backend, double Milliseconds, double NanosecondsPerProfile, long Count, string? Note);

    public IReadOnlyList<Measurement> Run(int rows, bool quick, out double bandwidthNanoseconds)
    {
        log.WriteLine($"suite: generating {rows:N0} profiles");
        var objects = SuiteProfile.Generate(rows);
        var rowLimit = quick ? rows : 1_000_000; // dictionaries per profile: 10M of them do not fit a sensible memory budget
        IReadOnlyDictionary<string, object?>[]? dictionaries = null; // made after the other backends ran: a heap of a million dictionaries slows every allocating backend's collections
        var table = Columns(objects);
        using var duckDb = new DuckDbSegmentEngine(Catalog);
        duckDb.Load(objects.Select(p => new ProfileRow(p.UserId, p.ToRow())));
        using var postgresEngine = postgres is null ? null : new PostgresSegmentEngine(postgres, Catalog);
        postgresEngine?.Load(objects.Select(p => new ProfileRow(p.UserId, p.ToRow())));
        var probe = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            probe[i] = i;
        }

        bandwidthNanoseconds = Median(Enumerable.Range(0, quick ? 1 : 9).Select(_ => Time(() => Sum(probe))).ToList()) * 1e6 / rows;
        var tooMany = rows > rowLimit ? $"not run at {rows:N0} (one dictionary a profile; measured at 1M)" : null;
        Backend[] backends =
        [
            new("hand-written C# loop", rule => () => Count(objects, rule.HandWritten)),
            new("Cdp columnar", rule => { var r = Parse(rule); return () => ColumnarTarget.Evaluate(r, Clock, table).Count; }),
            new("Cdp compiled LINQ (objects)", rule => { var f = LinqTarget.Compile<SuiteProfile>(Parse(rule), Clock).GetOutputOrThrow(); return () => Count(objects, f); }),
            new("Cdp compiled LINQ (rows)", rule => dictionaries is null ? null : Counter(dictionaries, LinqTarget.CompileRows(Parse(rule), Clock)), Skipped: tooMany),
            new("Cdp reference interpreter", rule => { var r = Parse(rule); return dictionaries is null ? null : Counter(dictionaries, d => r.Evaluate(d, Clock) == TruthValue.True); }, Skipped: tooMany),
            // The SQL engines twice: the member list (what a segment's evaluation reads back) and a count (like for like with the in-process rows).
            new("DuckDB (in-memory table, generated SQL)", rule => { var r = Parse(rule); return () => duckDb.Members(r, Clock).Count; }),
            new("DuckDB count (generated SQL)", rule => { var r = Parse(rule); return () => duckDb.Count(r, Clock); }),
            new("PostgreSQL (real server, generated SQL)", rule => postgresEngine is null ? null : () => postgresEngine.Members(Parse(rule), Clock).Count, Skipped: postgres is null ? "no server (pass --postgres or use benchmarks/run-suite.sh)" : null),
            new("PostgreSQL count (generated SQL)", rule => postgresEngine is null ? null : () => postgresEngine.Count(Parse(rule), Clock), Skipped: postgres is null ? "no server (pass --postgres or use benchmarks/run-suite.sh)" : null),
            new("System.Linq.Dynamic.Core", rule => { var f = DynamicExpressionParser.ParseLambda<SuiteProfile, bool>(ParsingConfig.Default, false, rule.DynamicLinq).Compile(); return () => Count(objects, f); }),
            new("Microsoft RulesEngine", rule => { var engine = RulesEngineFor(rule); return () => RulesEngineCount(engine, objects, Math.Min(rows, quick ? rows : 100_000)); }, Sample: quick ? null : 100_000),
        ];

        var results = new List<Measurement>();
        var onRows = backends.Where(b => b.Name.Contains("rows", StringComparison.Ordinal) || b.Name.Contains("interpreter", StringComparison.Ordinal)).ToList();
        foreach (var phase in new[] { backends.Except(onRows).ToList(), onRows })
        {
            if (phase == onRows && rows <= rowLimit)
            {
                dictionaries = objects.Select(p => p.ToRow()).ToArray();
            }

            Measure(phase, objects, rows, quick, results);
        }

        return [.. results.OrderBy(r => Array.FindIndex(backends, b => b.Name == r.Backend))];
    }

    private void Measure(List<Backend> backends, SuiteProfile[] objects, int rows, bool quick, List<Measurement> results)
    {
        foreach (var rule in SuiteRule.All)
        {
            var expected = Count(objects, rule.HandWritten);
            foreach (var backend in backends)
            {
                var run = backend.Prepare(rule);
                if (run is null)
                {
                    results.Add(new Measurement(rule.Name, backend.Name, double.NaN, double.NaN, -1, backend.Skipped));
                    continue;
                }

                var sampled = backend.Sample is { } sample && sample < rows ? sample : rows;
                var count = run();
                var wanted = sampled == rows ? expected : Count(objects.Take(sampled), rule.HandWritten);
                if (count != wanted)
                {
                    throw new InvalidOperationException($"{backend.Name} counted {count:N0} for `{rule.Text}` over {sampled:N0} profiles; the hand-written loop {wanted:N0}");
                }

                if (!quick)
                {
                    // Warm up to optimised code: tiered JIT runs a method's first calls unoptimised, so a fast
                    // backend timed on its first few calls would be measured at tier 0. 40 calls or 2 s, which comes first.
                    var warm = Stopwatch.StartNew();
                    for (var i = 0; i < 40 && warm.Elapsed.TotalSeconds < 2; i++)
                    {
                        run();
                    }
                }

                var times = new List<double> { Time(() => run()) };
                var repeats = quick ? 0 : times[0] < 1000 ? 6 : times[0] < 5000 ? 2 : 0;
                for (var i = 0; i < repeats; i++)
                {
                    times.Add(Time(() => run()));
                }

                var milliseconds = Median(times) * rows / sampled;
                results.Add(new Measurement(rule.Name, backend.Name, milliseconds, milliseconds * 1e6 / rows, expected,
                    sampled < rows ? $"timed on {sampled:N0} rows, scaled" : null));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"suite: {rows:N0} {rule.Name,-10} {backend.Name,-42} {milliseconds,10:F2} ms  count {count:N0}"));
            }
        }
    }

    /// <summary>The profiles as columns, profile by profile (no dictionary each: 10M of them would not fit).</summary>
    private static ColumnTable Columns(SuiteProfile[] objects)
    {
        var builder = new ColumnTableBuilder(Catalog, objects.Length);
        var values = new object?[builder.Metrics.Count];
        foreach (var profile in objects)
        {
            var row = profile.ToRow();
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row[builder.Metrics[i].Name];
            }

            builder.Add(profile.UserId, values);
        }

        return builder.Build();
    }

    private static Rule Parse(SuiteRule rule) => Rule.Parse(rule.Text, Catalog).Rule ?? throw new InvalidOperationException($"`{rule.Text}` does not check");

    private static Func<long> Counter<T>(T[] items, Func<T, bool> predicate) => () => Count(items, predicate);

    private static long Count<T>(IEnumerable<T> items, Func<T, bool> predicate)
    {
        long count = 0;
        foreach (var item in items)
        {
            if (predicate(item))
            {
                count++;
            }
        }

        return count;
    }

    private static long Sum(long[] values)
    {
        long sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    private static RulesEngine.RulesEngine RulesEngineFor(SuiteRule rule) => new([new Workflow
    {
        WorkflowName = "segments",
        Rules = [new RulesEngine.Models.Rule { RuleName = rule.Name, Expression = rule.RulesEngine }],
    }]);

    private static long RulesEngineCount(RulesEngine.RulesEngine engine, SuiteProfile[] objects, int rows)
    {
        long count = 0;
        for (var i = 0; i < rows; i++)
        {
            if (engine.ExecuteAllRulesAsync("segments", objects[i]).GetAwaiter().GetResult()[0].IsSuccess)
            {
                count++;
            }
        }

        return count;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>The middle of the times (the upper middle for an even count).</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
