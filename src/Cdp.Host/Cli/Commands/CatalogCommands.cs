using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;
using Cdp.Rules;

namespace Cdp.Host.Cli.Commands;

/// <summary>
/// <c>catalog add|list</c>: the metrics rules may name. <c>add</c> defines a computed metric in a data folder's store
/// (the next <c>etl</c> computes it); <c>list</c> prints every metric, one a line: name, type, where it comes from
/// (built-in, file, or <c>computed</c> with its expression) and its description, tab-separated.
/// </summary>
internal static class CatalogCommands
{
    public static int Add(Arguments arguments, TextReader stdin, TextWriter stdout)
    {
        using var store = EmbeddedStore.Open(arguments.ExistingData(), Catalog(arguments));
        var expression = arguments.Required("expr");
        var saved = store.ComputedMetrics.Add(arguments.Required("name"), expression == "-" ? stdin.ReadToEnd() : expression,
            arguments.Value("description"), arguments.Value("owner") ?? Environment.UserName, [.. store.Segments.List().Select(s => s.Name)]);
        if (saved.Metric is { } metric)
        {
            stdout.WriteLine($"added {metric.Name} ({metric.Type.ToDisplayName()}): {metric.Expression}; the next etl computes it");
            return ExitCodes.Success;
        }

        if (saved.Verdict.Problem is { } problem)
        {
            throw new UsageException(problem, pointToHelp: false);
        }

        foreach (var diagnostic in saved.Verdict.Diagnostics)
        {
            stdout.WriteLine(diagnostic.ToString());
        }

        return ExitCodes.InvalidRule;
    }

    public static int List(Arguments arguments, TextWriter stdout)
    {
        var catalog = Catalog(arguments);
        var builtIn = ProfileCatalog.Default.Catalog;
        foreach (var declaration in catalog.Declarations)
        {
            var source = builtIn.TryGetMetric(declaration.Name, out _) ? "built-in" : "file";
            stdout.WriteLine($"{declaration.Name}\t{declaration.Type.ToDisplayName()}\t{source}\t{declaration.Description}");
        }

        if (arguments.Value("data") is not null)
        {
            using var store = EmbeddedStore.Open(arguments.ExistingData(), catalog);
            foreach (var metric in store.ComputedMetrics.List())
            {
                stdout.WriteLine($"{metric.Name}\t{metric.Type.ToDisplayName()}\tcomputed: {metric.Expression}\t{metric.Description}");
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>The platform's catalog a command works with: the built-ins, plus the metrics of a `--catalog` file (the one `cdp etl --catalog` computes).</summary>
    internal static ProfileCatalog Catalog(Arguments arguments) => arguments.Value("catalog") is { } path
        ? File.Exists(path) ? ProfileCatalog.WithFile(path) : throw new UsageException($"no catalog file at {path}", pointToHelp: false)
        : ProfileCatalog.Default;
}
