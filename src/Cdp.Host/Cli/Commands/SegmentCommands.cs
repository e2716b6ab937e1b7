using System.Globalization;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Store.Segments;
using Cdp.Pipeline.Metrics;

namespace Cdp.Host.Cli.Commands;

/// <summary><c>segments add|list|show|members|history</c> on the embedded store of a data folder.</summary>
internal static class SegmentCommands
{
    public static int Add(Arguments arguments, TextReader stdin, TextWriter stdout)
    {
        using var store = Open(arguments);
        var rule = arguments.Required("rule");
        var saved = store.Segments.Save(arguments.Required("name"), rule == "-" ? stdin.ReadToEnd() : rule,
            arguments.Value("description") ?? "", arguments.Value("owner") ?? Environment.UserName);
        if (saved.Refusal == SegmentSaveRefusal.InvalidName)
        {
            throw new UsageException(saved.Problem!, pointToHelp: false);
        }

        var (segment, diagnostics) = saved;
        if (segment is null)
        {
            foreach (var diagnostic in diagnostics)
            {
                stdout.WriteLine(diagnostic.ToString());
            }

            return ExitCodes.InvalidRule;
        }

        stdout.WriteLine($"saved {segment.Name} version {segment.Version}: {segment.Rule}");
        return ExitCodes.Success;
    }

    public static int List(Arguments arguments, TextWriter stdout)
    {
        using var store = Open(arguments);
        var evaluations = store.Segments.CurrentEvaluations(store.ProfilesAsOf);
        foreach (var segment in store.Segments.List())
        {
            var size = evaluations.TryGetValue(segment.Name, out var evaluation) ? evaluation.Members.ToString(CultureInfo.InvariantCulture) : "-";
            stdout.WriteLine($"{segment.Name}\tv{segment.Version}\t{size}\t{segment.Rule}");
        }

        return ExitCodes.Success;
    }

    public static int Show(Arguments arguments, TextWriter stdout)
    {
        using var store = Open(arguments);
        var name = arguments.Required("name");
        var versions = store.Segments.Versions(name);
        if (versions.Count == 0)
        {
            throw new UsageException($"no segment named `{name}`", pointToHelp: false);
        }

        var current = versions[^1];
        stdout.WriteLine($"{current.Name} (version {current.Version}, {current.Owner}): {current.Description}");
        stdout.WriteLine($"  rule: {current.Rule}");
        foreach (var version in versions)
        {
            stdout.WriteLine($"  v{version.Version} {version.UpdatedAt:yyyy-MM-dd HH:mm} {version.Owner}: {version.Rule}");
        }

        return ExitCodes.Success;
    }

    public static int Members(Arguments arguments, TextWriter stdout)
    {
        using var store = Open(arguments);
        var asOf = arguments.Value("as-of") is { } text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : store.ProfilesAsOf ?? throw new UsageException("no ETL has run yet: give --as-of or run `cdp etl`", pointToHelp: false);
        foreach (var member in store.Segments.Members(arguments.Required("name"), asOf))
        {
            stdout.WriteLine(member.ToString(CultureInfo.InvariantCulture));
        }

        return ExitCodes.Success;
    }

    public static int History(Arguments arguments, TextWriter stdout)
    {
        using var store = Open(arguments);
        stdout.WriteLine("as_of,members,entered,exited");
        foreach (var day in store.Segments.History(arguments.Required("name")))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{day.AsOf:yyyy-MM-dd},{day.Members},{day.Entered},{day.Exited}"));
        }

        return ExitCodes.Success;
    }

    private static EmbeddedStore Open(Arguments arguments) => EmbeddedStore.Open(arguments.ExistingData(), ProfileCatalog.Default);

    /// <summary>Every saved segment of a running host as the cluster's Spark SQL segment job: <c>DIR/segments_D.sql</c>.</summary>
    public static int EmitSpark(Arguments arguments, TextWriter stdout)
    {
        var asOf = arguments.Required("as-of");
        var folder = arguments.Required("out");
        using var host = new HostClient(arguments);
        var sql = host.Get($"/api/segments/spark-sql?asOf={Uri.EscapeDataString(asOf)}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"segments_{asOf}.sql");
        File.WriteAllText(path, sql);
        stdout.WriteLine(path);
        return ExitCodes.Success;
    }
}
