using Cdp.Testing;
using System.Globalization;
using System.Runtime.InteropServices;
using Cdp.Benchmarks.Suite;

namespace Cdp.Benchmarks;

/// <summary>
/// <c>suite [--quick] [--rows N,M] [--postgres CONN] [--out DIR]</c>: the backend suite. Without <c>--postgres</c> it
/// starts a throwaway PostgreSQL server (Debian's binaries, as the tests do). <c>--quick</c> is the CI smoke run:
/// 20,000 profiles, every backend once, exit 1 when any count differs; it writes no results.
/// </summary>
public static class SuiteCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var quick = args.Contains("--quick");
        var rows = Option(args, "--rows")?.Split(',').Select(r => int.Parse(r.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray()
            ?? (quick ? [20_000] : [1_000_000, 10_000_000]);
        var output = Option(args, "--out") ?? Path.Combine(RepositoryRoot(), "benchmarks", "results"); // `dotnet run` starts in the project folder
        using var server = Option(args, "--postgres") is null ? new PostgresServer() : null;
        var connection = Option(args, "--postgres") ?? server!.ConnectionString;
        var suite = new BackendSuite(connection, stderr);
        var sizes = new Dictionary<int, (IReadOnlyList<BackendSuite.Measurement>, double)>();
        try
        {
            foreach (var size in rows)
            {
                var results = suite.Run(size, quick, out var bandwidth);
                sizes[size] = (results, bandwidth);
            }
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"suite: the backends disagree: {e.Message}");
            return 1;
        }

        if (quick)
        {
            stdout.WriteLine($"suite --quick: every backend agreed on every count ({SuiteRule.All.Count} rules, {rows[0]:N0} profiles)");
            return 0;
        }

        var cold = ColdStart.Measure(5);
        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}";
        var command = "dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- suite" + (args.Length > 0 ? " " + string.Join(' ', args.Where(a => a != Option(args, "--postgres"))) : "");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "backends.md"), SuiteReport.Markdown(sizes, cold, machine, command));
        var largest = rows.Max();
        File.WriteAllText(Path.Combine(output, "backends.svg"), SuiteReport.Chart(sizes[largest].Item1, largest));
        stdout.WriteLine($"suite: wrote {Path.Combine(output, "backends.md")} and backends.svg");
        return 0;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cdp.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
