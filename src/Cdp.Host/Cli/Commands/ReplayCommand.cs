using System.Globalization;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Kafka;

namespace Cdp.Host.Cli.Commands;

/// <summary><c>replay --input FILE --kafka BOOTSTRAP [--topic events] [--rate N/s]</c>.</summary>
internal static class ReplayCommand
{
    public static int Run(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var input = arguments.Required("input");
        if (!File.Exists(input))
        {
            throw new UsageException($"no events file at {input}", pointToHelp: false);
        }

        double? rate = null;
        if (arguments.Value("rate") is { } text)
        {
            var number = text.EndsWith("/s", StringComparison.Ordinal) ? text[..^2] : text;
            rate = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new UsageException($"--rate takes events a second, such as 5000/s, not `{text}`");
        }

        var total = Math.Max(1, EstimateLines(input));
        ReplayResult result;
        try
        {
            result = EventReplay.Run(input, arguments.Required("kafka"), arguments.Value("topic") ?? KafkaTopics.Events, rate, new ProgressBar(stderr, total));
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message, pointToHelp: false);
        }

        stderr.WriteLine();
        stdout.WriteLine($"produced={result.Produced} skipped={result.Skipped}");
        return ExitCodes.Success;
    }

    /// <summary>The number of events for the progress bar: exact for plain files (counted quickly), a guess for gzip.</summary>
    private static long EstimateLines(string path)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return new FileInfo(path).Length * 4 / 125;
        }

        long lines = 0;
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines - 1;
    }
}
