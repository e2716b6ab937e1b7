using System.Diagnostics;
using System.Globalization;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Kafka;
using Cdp.Pipeline.Lake;

namespace Cdp.Host.Cli.Commands;

/// <summary><c>ingest --input FILE --data DIR</c>: the embedded path from an events file to the lake.</summary>
internal static class IngestCommand
{
    public static int Run(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var data = arguments.Required("data");
        using var replica = Replica(arguments);
        if (arguments.Value("kafka") is { } bootstrap)
        {
            return FromKafka(arguments, bootstrap, data, replica, stdout, stderr);
        }

        var input = arguments.Value("input") ?? throw new UsageException("ingest needs --input FILE (embedded) or --kafka BOOTSTRAP");
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
            result = EmbeddedIngest.RunAsync(input, data, progress, replica: replica).GetAwaiter().GetResult();
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message, pointToHelp: false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && replica is not null)
        {
            throw new UsageException($"HDFS at {arguments.Value("hdfs")}: {e.Message} (the local lake has every file written so far)", pointToHelp: false);
        }

        stderr.WriteLine();
        if (result.RejectedFile is not null)
        {
            stderr.WriteLine($"ingest: {result.Rejected} refused lines, with their reasons, in {result.RejectedFile}");
        }

        stdout.WriteLine($"accepted={result.Accepted} rejected={result.Rejected}");
        return ExitCodes.Success;
    }

    /// <summary><c>--hdfs http://NAMENODE:9870/PATH</c>: the lake is published to HDFS too, through WebHDFS.</summary>
    private static WebHdfsReplica? Replica(Arguments arguments) =>
        arguments.Value("hdfs") is not { } location ? null
        : Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new WebHdfsReplica(uri, arguments.Value("hdfs-user") ?? "cdp")
            : throw new UsageException($"--hdfs takes the namenode's WebHDFS address and the lake's folder, e.g. http://namenode:9870/cdp/lake, not `{location}`");

    private static int FromKafka(Arguments arguments, string bootstrap, string data, WebHdfsReplica? replica, TextWriter stdout, TextWriter stderr)
    {
        var options = new KafkaIngestOptions(
            bootstrap, data,
            arguments.Value("topic") ?? KafkaTopics.Events,
            arguments.Value("group") ?? "cdp-ingest",
            arguments.Flag("until-idle") ? TimeSpan.FromSeconds(2) : null,
            arguments.Value("batch-events") is { } size
                ? int.TryParse(size, out var events) && events > 0 ? events : throw new UsageException("--batch-events takes a positive whole number")
                : 100_000,
            Replica: replica);
        var ingest = new KafkaIngest(options);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var clock = Stopwatch.StartNew();
        var progress = new ConsoleProgress(messages =>
            stderr.Write($"\ringest: {messages.ToString("N0", CultureInfo.InvariantCulture)} messages, {Rate(messages, clock.Elapsed)} messages/s   "));
        ingest.RunAsync(progress, stop.Token).GetAwaiter().GetResult();
        stderr.WriteLine();
        stdout.WriteLine($"accepted={ingest.Accepted} rejected={ingest.Rejected}");
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
