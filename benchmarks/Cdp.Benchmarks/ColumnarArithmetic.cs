using System.Diagnostics;
using Cdp.Rules;
using Cdp.Rules.Columnar;

namespace Cdp.Benchmarks;

/// <summary>
/// Rules with arithmetic (the suite's and the preview's slowest kind) over ROWS profiles in a snapshot-built table,
/// evaluated whole-column by the numeric evaluator: on every core against one thread in the same run (the median of
/// calls 21-60 of each, after tiered compilation has caught up).
/// <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- columnar-arithmetic [ROWS]</c>
/// </summary>
public static class ColumnarArithmetic
{
    private static readonly string[] Rules =
    [
        "spend_30d - spend_7d > 2",
        "days_since_last_event * 2 < sessions_30d",
        "spend_30d - spend_7d > 2 * coalesce(avg_order_value, 0)",
        "spend_30d - spend_7d > 2 * coalesce(avg_order_value, 0) OR days_since_last_event * 2 < sessions_30d",
    ];

    public static void Run(int rows, TextWriter report)
    {
        var catalog = Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog;
        var clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
        var random = new Random(1);
        var builder = new ColumnTableBuilder(catalog, rows);
        var names = builder.Metrics.Select(m => m.Name).ToList();
        var values = new object?[names.Count];
        for (var i = 0; i < rows; i++)
        {
            values[names.IndexOf("spend_30d")] = random.Next(0, 30_000) / 100m;
            values[names.IndexOf("spend_7d")] = random.Next(0, 10_000) / 100m;
            values[names.IndexOf("avg_order_value")] = random.Next(3) == 0 ? null : random.NextDouble() * 100;
            values[names.IndexOf("days_since_last_event")] = (long)random.Next(0, 30);
            values[names.IndexOf("sessions_30d")] = (long)random.Next(0, 20);
            builder.Add(i, values);
        }

        var table = builder.Build();
        report.WriteLine($"columnar-arithmetic: {rows:N0} profiles, {Environment.ProcessorCount} cores; median of calls 21-60 each");
        report.WriteLine("| rule | one thread ms | every core ms | ratio |");
        report.WriteLine("|---|---:|---:|---:|");
        foreach (var text in Rules)
        {
            var rule = Rule.Parse(text, catalog).Rule!;
            var one = Median(() => ColumnarTarget.Evaluate(rule, clock, table, 1).Count, out var oneCount);
            var every = Median(() => ColumnarTarget.Evaluate(rule, clock, table).Count, out var everyCount);
            if (oneCount != everyCount)
            {
                throw new InvalidOperationException($"`{text}`: {oneCount} rows on one thread, {everyCount} on every core");
            }

            report.WriteLine($"| `{text}` | {one:F2} | {every:F2} | {every / one:F2} |");
        }
    }

    private static double Median(Func<long> evaluate, out long count)
    {
        var times = new List<double>();
        count = 0;
        for (var call = 0; call < 60; call++)
        {
            var clock = Stopwatch.StartNew();
            count = evaluate();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times.Skip(20).Order().ElementAt(20);
    }
}
