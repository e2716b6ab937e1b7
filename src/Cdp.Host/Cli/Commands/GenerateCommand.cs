using System.Globalization;
using Cdp.Pipeline.Events;

namespace Cdp.Host.Cli.Commands;

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
        var generator = new EventGenerator(options);
        stderr.WriteLine($"generate: {generator}");
        generator.WriteFile(path, new ProgressBar(stderr, options.Events));
        stderr.WriteLine();
        stdout.WriteLine(path);
        return ExitCodes.Success;
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
