using System.Globalization;
using BenchmarkDotNet.Running;
using Cdp.Benchmarks;

// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- --filter '*'     (BenchmarkDotNet suites)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- pipeline [EVENTS] (the events path, measured once)
if (args is ["pipeline", .. var rest])
{
    await PipelineThroughput.RunAsync(rest is [var n] ? long.Parse(n, CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RuleCostBenchmarks).Assembly).Run(args);
