using System.Globalization;
using BenchmarkDotNet.Running;
using Cdp.Benchmarks;

// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- --filter '*'     (BenchmarkDotNet suites)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- pipeline [EVENTS] (the events path, measured once)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- etl [EVENTS] [USERS] (the embedded ETL, measured once)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- etl-incremental [EVENTS] [USERS] (a daily run and a backfill against a full run)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- etl-aggregates [EVENTS] [USERS] (what v2 aggregates cost the profile query)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- preview [PROFILES] (the editor's audience preview latency)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- snapshot-load [PROFILES] (the store's profiles into columns, typed against boxed)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- preview-aggregates [EVENTS] [USERS] (a preview that computes aggregates over the lake)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- text-lower [ROWS] (each engine's exact lower() against its native one)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- columnar-first [ROWS] (a host's first evaluations against the steady state)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- columnar-arithmetic [ROWS] (whole-column arithmetic, every core against one thread)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- activation [CUSTOMERS] (membership changes to a webhook and Kafka)
// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- suite [--quick] [--rows 1000000,10000000] [--postgres CONN]
//                                                                    (every backend and peer, five rules; results/backends.md)
if (args is ["pipeline", .. var rest])
{
    await PipelineThroughput.RunAsync(rest is [var n] ? long.Parse(n, CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

if (args is ["etl", .. var etlArgs])
{
    await EtlThroughput.RunAsync(
        etlArgs.Length > 0 ? long.Parse(etlArgs[0], CultureInfo.InvariantCulture) : 10_000_000,
        etlArgs.Length > 1 ? int.Parse(etlArgs[1], CultureInfo.InvariantCulture) : 300_000);
    return;
}

if (args is ["etl-incremental", .. var incrementalArgs])
{
    await EtlIncremental.RunAsync(
        incrementalArgs.Length > 0 ? long.Parse(incrementalArgs[0], CultureInfo.InvariantCulture) : 10_000_000,
        incrementalArgs.Length > 1 ? int.Parse(incrementalArgs[1], CultureInfo.InvariantCulture) : 300_000);
    return;
}

if (args is ["etl-aggregates", .. var aggregateArgs])
{
    await EtlAggregateCost.RunAsync(
        aggregateArgs.Length > 0 ? long.Parse(aggregateArgs[0], CultureInfo.InvariantCulture) : 2_000_000,
        aggregateArgs.Length > 1 ? int.Parse(aggregateArgs[1], CultureInfo.InvariantCulture) : 50_000,
        Console.Out);
    return;
}

if (args is ["snapshot-load", .. var snapshotArgs])
{
    await SnapshotLoad.RunAsync(snapshotArgs.Length > 0 ? int.Parse(snapshotArgs[0], CultureInfo.InvariantCulture) : 10_000_000);
    return;
}

if (args is ["preview-aggregates", .. var previewAggregateArgs])
{
    await AggregatePreviewLatency.RunAsync(
        previewAggregateArgs.Length > 0 ? long.Parse(previewAggregateArgs[0], CultureInfo.InvariantCulture) : 5_000_000,
        previewAggregateArgs.Length > 1 ? int.Parse(previewAggregateArgs[1], CultureInfo.InvariantCulture) : 250_000,
        Console.Out);
    return;
}

if (args is ["preview", .. var previewArgs])
{
    await PreviewLatency.RunAsync(previewArgs is [var p] ? int.Parse(p, CultureInfo.InvariantCulture) : 1_000_000, Console.Out);
    return;
}

if (args is ["text-lower", .. var textArgs])
{
    TextLowerCost.Run(textArgs is [var r] ? int.Parse(r, CultureInfo.InvariantCulture) : 1_000_000, Console.Out);
    return;
}

if (args is ["cold-probe", var which])
{
    Cdp.Benchmarks.Suite.ColdStart.Probe(which, Console.Out);
    return;
}

if (args is ["columnar-first", .. var firstArgs])
{
    ColumnarFirstCall.Run(firstArgs is [var r1] ? int.Parse(r1, CultureInfo.InvariantCulture) : 1_000_000, Console.Out);
    return;
}

if (args is ["columnar-arithmetic", .. var arithmeticArgs])
{
    ColumnarArithmetic.Run(arithmeticArgs is [var r2] ? int.Parse(r2, CultureInfo.InvariantCulture) : 10_000_000, Console.Out);
    return;
}

if (args is ["activation", .. var activationArgs])
{
    await ActivationThroughput.RunAsync(activationArgs is [var c] ? int.Parse(c, CultureInfo.InvariantCulture) : 1_000_000, Console.Out);
    return;
}

if (args is ["suite", .. var suiteArgs])
{
    Environment.ExitCode = SuiteCommand.Run(suiteArgs, Console.Out, Console.Error);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RuleCostBenchmarks).Assembly).Run(args);
