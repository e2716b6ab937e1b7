using System.Diagnostics;
using Cdp.Rules;
using Cdp.Rules.Columnar;

namespace Cdp.Benchmarks;

/// <summary>
/// What a host's first previews cost: the card's rule over ROWS profiles built as the audience snapshot builds its
/// table (<see cref="ColumnTableBuilder"/>), evaluated in a fresh process: the first call, the next few, and the
/// steady state after 200 calls (the baseline, in the same run). Before the per-word kernels were compiled optimized
/// from their first call, the first calls ran unoptimized code until tiered compilation caught up.
/// <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- columnar-first [ROWS]</c>
/// </summary>
public static class ColumnarFirstCall
{
    public static void Run(int rows, TextWriter report)
    {
        var catalog = Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog;
        var rule = Rule.Parse(RuleCostBenchmarks.CardRule, catalog).Rule!;
        var clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
        var random = new Random(1);
        var builder = new ColumnTableBuilder(catalog, rows);
        var names = builder.Metrics.Select(m => m.Name).ToList();
        var (sessions, rate, spend) = (names.IndexOf("sessions_7d"), names.IndexOf("cart_rate"), names.IndexOf("spend_30d"));
        var values = new object?[names.Count];
        for (var i = 0; i < rows; i++)
        {
            values[sessions] = (long)random.Next(0, 10);
            values[rate] = random.Next(5) == 0 ? null : random.NextDouble() * 0.5;
            values[spend] = random.Next(0, 30_000) / 100m;
            builder.Add(i, values);
        }

        var table = builder.Build();
        var times = new List<double>();
        for (var call = 0; call < 200; call++)
        {
            var clockTime = Stopwatch.StartNew();
            ColumnarTarget.Evaluate(rule, clock, table);
            times.Add(clockTime.Elapsed.TotalMilliseconds);
        }

        var steady = times.Skip(150).Order().ElementAt(25);
        report.WriteLine($"columnar-first: the card's rule over {rows:N0} profiles (a snapshot-built table), {Environment.ProcessorCount} cores, a fresh process");
        report.WriteLine($"  call 1: {times[0]:F2} ms ({times[0] / steady:F1}x the steady state)");
        report.WriteLine($"  calls 2-10: median {times.Skip(1).Take(9).Order().ElementAt(4):F2} ms ({times.Skip(1).Take(9).Order().ElementAt(4) / steady:F1}x)");
        report.WriteLine($"  calls 11-50: median {times.Skip(10).Take(40).Order().ElementAt(20):F2} ms");
        report.WriteLine($"  steady state (median of calls 151-200, the baseline): {steady:F2} ms");
    }
}
