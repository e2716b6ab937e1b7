using System.Diagnostics;
using System.Globalization;
using Cdp.Host.Cli;
using Cdp.Pipeline.Events;

namespace Cdp.Host.Events;

/// <summary><c>ingest --input FILE --data DIR</c>: the embedded path from an events file to the lake.</summary>
internal static class IngestCommand
{
    public static int Run(string[] words, TextWriter stdout, TextWriter stderr)
    {
        var arguments = Arguments.Parse(words, new HashSet<string> { "input", "data" }, new HashSet<string>());
        var input = arguments.Required("input");
        var data = arguments.Required("data");
        if (!File.Exists(input))
        {
            throw new UsageException($"no events file at {input}", pointToHelp: false);
        }

        var clock = Stopwatch.StartNew();
        var progress = new ConsoleProgress(lines =>
            stderr.Write($"\ringest: {lines.ToString("N0", CultureInfo.InvariantCulture)} lines, {Rate(lines, clock.Elapsed)} lines/s   "));
        IngestResult result;
        try
        {
            result = EmbeddedIngest.RunAsync(input, data, progress).GetAwaiter().GetResult();
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message, pointToHelp: false);
        }

        stderr.WriteLine();
        if (result.RejectedFile is not null)
        {
            stderr.WriteLine($"ingest: {result.Rejected} refused lines, with their reasons, in {result.RejectedFile}");
        }

        stdout.WriteLine($"accepted={result.Accepted} rejected={result.Rejected}");
        return ExitCodes.Success;
    }

    private static string Rate(long lines, TimeSpan elapsed) =>
        (lines / Math.Max(elapsed.TotalSeconds, 0.001)).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and print late).</summary>
    private sealed class ConsoleProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
