using System.Globalization;
using Cdp.Pipeline.Activation;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;

namespace Cdp.Host.Cli.Commands;

/// <summary>
/// <c>destinations add|list|remove|log|replay|deliver</c> on the embedded store of a data folder: where segments'
/// membership changes go (docs/activation.md). <c>cdp serve</c> delivers by itself; <c>deliver</c> is for a folder whose
/// ETL runs from cron without a host.
/// </summary>
internal static class DestinationCommands
{
    public static int Add(Arguments arguments, TextReader stdin, TextWriter stdout)
    {
        var secret = arguments.Value("secret") is "-" ? stdin.ReadLine() : arguments.Value("secret");
        var request = new DestinationRequest(arguments.Required("name"), arguments.Required("kind"), arguments.Value("url"), secret, arguments.Value("topic"), Folder(arguments.Value("path")),
            arguments.Value("segments")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Number(arguments, "max-attempts"), Number(arguments, "batch-size"));
        var (destination, problem) = DestinationCheck.Check(request, arguments.Value("owner") ?? Environment.UserName, Hosts(arguments));
        if (destination is null)
        {
            throw new UsageException(problem!, pointToHelp: false);
        }

        using var store = Open(arguments);
        if (!store.Activation.Add(destination))
        {
            throw new UsageException($"a destination named `{destination.Name}` exists already", pointToHelp: false);
        }

        stdout.WriteLine($"added {destination.Name}: {destination.Kind.ToString().ToLowerInvariant()} {destination.Target}; changes of the next evaluations go there, the full sync first");
        return ExitCodes.Success;
    }

    /// <summary>Tab-separated: name, kind, target, segments (* for all), batches delivered, pending, parked.</summary>
    public static int List(Arguments arguments, TextWriter stdout)
    {
        using var store = Open(arguments);
        var counts = store.Activation.Counts();
        foreach (var d in store.Activation.Destinations())
        {
            var c = counts.GetValueOrDefault(d.Name) ?? new DeliveryCounts(0, 0, 0);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Name}\t{d.Kind.ToString().ToLowerInvariant()}\t{d.Target}\t{(d.Segments.Count == 0 ? "*" : string.Join(',', d.Segments))}\tdelivered={c.Delivered}\tpending={c.Pending}\tparked={c.Parked}"));
        }

        return ExitCodes.Success;
    }

    public static int Remove(Arguments arguments, TextWriter stdout)
    {
        using var store = Open(arguments);
        var name = arguments.Required("name");
        if (!store.Activation.Remove(name))
        {
            throw new UsageException($"no destination `{name}`", pointToHelp: false);
        }

        stdout.WriteLine($"removed {name} with its outbox and delivery log");
        return ExitCodes.Success;
    }

    /// <summary>The delivery log, newest first, tab-separated: batch, status, attempts, segment, as-of, changes, last error or detail.</summary>
    public static int Log(Arguments arguments, TextWriter stdout)
    {
        using var store = Open(arguments);
        foreach (var b in store.Activation.Log(Known(store, arguments.Required("name")), Number(arguments, "limit") ?? 100))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{b.Id}\t{b.Status.ToString().ToLowerInvariant()}\t{b.Attempts}\t{b.Segment}\t{b.AsOf:yyyy-MM-dd}\t{b.Changes}\t{b.LastError ?? b.Detail}"));
        }

        return ExitCodes.Success;
    }

    public static int Replay(Arguments arguments, TextWriter stdout)
    {
        using var store = Open(arguments);
        var replayed = store.Activation.Replay(Known(store, arguments.Required("name")), Number(arguments, "batch"));
        stdout.WriteLine($"replayed={replayed}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Delivers what is due, and waits for retries due within a minute, until nothing is pending or only later retries
    /// are; prints <c>delivered=N pending=M parked=K</c> over every destination. Exit 1 when something is left.
    /// </summary>
    public static int Deliver(Arguments arguments, TextWriter stdout)
    {
        var data = arguments.ExistingData();
        var hosts = Hosts(arguments);
        var kafka = arguments.Value("kafka");
        using var opened = EmbeddedStore.Open(data, ProfileCatalog.Default);
        if (kafka is null && opened.Activation.Destinations().FirstOrDefault(d => d.Kind == DestinationKind.Kafka) is { } stream)
        {
            throw new UsageException($"`{stream.Name}` is a Kafka destination: give --kafka BOOTSTRAP", pointToHelp: false);
        }

        using var worker = new DeliveryWorker(opened.ConnectOutbox, d => DestinationSenders.For(d, hosts, TimeSpan.FromSeconds(10), kafka), RetryPolicy.Default);
        while (true)
        {
            if (worker.DeliverDueAsync(CancellationToken.None).GetAwaiter().GetResult() > 0)
            {
                continue;
            }

            if (worker.NextDue() is not { } due || due - DateTime.UtcNow > TimeSpan.FromMinutes(1))
            {
                break;
            }

            Thread.Sleep(due - DateTime.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }

        var total = opened.Activation.Counts().Values.Aggregate(new DeliveryCounts(0, 0, 0), (a, c) => new DeliveryCounts(a.Delivered + c.Delivered, a.Pending + c.Pending, a.Parked + c.Parked));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivered={total.Delivered} pending={total.Pending} parked={total.Parked}"));
        return total.Pending + total.Parked == 0 ? ExitCodes.Success : ExitCodes.Undelivered;
    }

    /// <summary>A folder as a command line means it: relative to where the command runs (a WebHDFS location as it is).</summary>
    private static string? Folder(string? path) =>
        path is null || path.Contains("://", StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal) ? path : Path.GetFullPath(path);

    private static HostPolicy Hosts(Arguments arguments) => new(HostPolicy.Names(arguments.Value("allow-destination-host")));

    private static string Known(EmbeddedStore store, string name) =>
        store.Activation.Find(name) is not null ? name : throw new UsageException($"no destination `{name}`", pointToHelp: false);

    private static int? Number(Arguments arguments, string option) => arguments.Value(option) is not { } text
        ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw new UsageException($"--{option} takes a whole number, not `{text}`");

    private static EmbeddedStore Open(Arguments arguments) => EmbeddedStore.Open(arguments.ExistingData(), ProfileCatalog.Default);
}
