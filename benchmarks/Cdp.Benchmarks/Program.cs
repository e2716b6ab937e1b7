using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
