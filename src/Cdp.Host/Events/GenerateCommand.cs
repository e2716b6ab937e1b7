using System.Globalization;
using System.IO.Compression;
using System.Text;
using Cdp.Host.Cli;
using Cdp.Pipeline.Events;

namespace Cdp.Host.Events;

/// <summary><c>generate --events N --users U --days D --start DATE --seed S --out FILE[.gz]</c>.</summary>
internal static class GenerateCommand
{
    public static int Run(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var options = new GeneratorOptions(
            Number(arguments, "events", 1_000_000),
            (int)Number(arguments, "users", 10_000),
            (int)Number(arguments, "days", 30),
            arguments.Value("start") is { } start
                ? DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new UsageException($"--start takes a date such as 2019-10-01, not `{start}`")
                : new DateOnly(2019, 10, 1),
            (int)Number(arguments, "seed", 1));
        var path = arguments.Required("out");
        WriteFile(options, path, stderr);
        stdout.WriteLine(path);
        return ExitCodes.Success;
    }

    /// <summary>Generated events into a file (gzip when it ends in .gz), with their description and a progress bar on <paramref name="log"/>.</summary>
    public static void WriteFile(GeneratorOptions options, string path, TextWriter log)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var generator = new EventGenerator(options);
        log.WriteLine($"generate: {generator}");
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : file)
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
        {
            generator.Write(writer, new ProgressBar(log, options.Events));
        }

        log.WriteLine();
    }

    private static long Number(Arguments arguments, string name, long fallback)
    {
        var text = arguments.Value(name);
        if (text is null)
        {
            return fallback;
        }

        return long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UsageException($"--{name} takes a positive whole number, not `{text}`");
    }
}
