using System.Diagnostics;
using Cdp.Rules;
using Cdp.Rules.Columnar;

namespace Cdp.Benchmarks;

/// <summary>
/// What a host's first previews cost: the card's rule over ROWS profiles built as the audience snapshot builds its
/// table (<see cref="ColumnTableBuilder"/>), evaluated in a fresh process: the first call, the next few, and the
/// steady state after 200 calls (the baseline, in the same run), then rules of four shapes the process has not run yet
/// (from a million rows a shape's fused loop is compiled on its first call).
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
            ColumnarTarget.Evaluate(rule, clock, table).Dispose(); // as the preview does: its bitmap back to the pool
            times.Add(clockTime.Elapsed.TotalMilliseconds);
        }

        var steady = times.Skip(150).Order().ElementAt(25);
        report.WriteLine($"columnar-first: the card's rule over {rows:N0} profiles (a snapshot-built table), {Environment.ProcessorCount} cores, a fresh process");
        report.WriteLine($"  call 1: {times[0]:F2} ms ({times[0] / steady:F1}x the steady state)");
        report.WriteLine($"  calls 2-10: median {times.Skip(1).Take(9).Order().ElementAt(4):F2} ms ({times.Skip(1).Take(9).Order().ElementAt(4) / steady:F1}x)");
        report.WriteLine($"  calls 11-50: median {times.Skip(10).Take(40).Order().ElementAt(20):F2} ms");
        report.WriteLine($"  steady state (median of calls 151-200, the baseline): {steady:F2} ms");

        // Rules of shapes this process has not run: from a million rows each shape's fused loop is compiled on its
        // first call; the next calls show what it then costs.
        foreach (var text in NewShapes)
        {
            var other = Rule.Parse(text, catalog).Rule!;
            var calls = new List<double>();
            for (var call = 0; call < 5; call++)
            {
                var clockTime = Stopwatch.StartNew();
                ColumnarTarget.Evaluate(other, clock, table).Dispose();
                calls.Add(clockTime.Elapsed.TotalMilliseconds);
            }

            report.WriteLine($"  a new shape, {text}: first call {calls[0]:F2} ms, calls 2-5 median {calls.Skip(1).Order().ElementAt(2):F2} ms");
        }
    }

    private static readonly string[] NewShapes =
    [
        "sessions_7d >= 2",
        "NOT (sessions_7d = 3) AND spend_30d < 50",
        "cart_rate > 0.1 AND cart_rate < 0.3 AND sessions_7d != 5",
        "(sessions_7d > 1 OR spend_30d > 10) AND (cart_rate >= 0.25 OR sessions_7d < 2)",
    ];
}
