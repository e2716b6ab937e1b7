using System.CommandLine;
using System.CommandLine.Parsing;
using Cdp.Host.Rules;

namespace Cdp.Host.Cli.Commands;

/// <summary>Where a command reads and writes.</summary>
internal sealed record CommandIo(TextReader Stdin, TextWriter Stdout, TextWriter Stderr);

/// <summary>
/// Every verb of the one executable as a System.CommandLine tree: each command and sub-command with its options,
/// so that each answers <c>--help</c> with its own options, an unknown option or command is refused with the
/// nearest one, and shells can complete them (<c>cdp completion bash</c>). The handlers read what was parsed
/// through <see cref="Arguments"/>; their verbs, options and output are the command line's contract.
/// </summary>
internal static class CommandTree
{
    /// <summary>The option words of each verb, for help, completion and "did you mean".</summary>
    private static readonly Dictionary<string, string> OptionHelp = new(StringComparer.Ordinal)
    {
        ["allow-destination-host"] = "hosts besides loopback that webhooks and WebHDFS folders may reach, comma-separated (https only)",
        ["api-key"] = "an editor's API key (default: the CDP_API_KEY variable)",
        ["batch"] = "one batch's number (from destinations log); default: every parked batch",
        ["batch-size"] = "changes per webhook request or Kafka batch, 1 to 1000 (default 500)",
        ["as-of"] = "the day (2019-10-31, its close) or UTC instant (2019-10-31T08:00:00Z) rules are evaluated at; default: the close of today",
        ["batch-events"] = "events a lake file holds at most (default 100000)",
        ["catalog"] = "a catalog file of metrics of your own (JSON), beside the built-ins",
        ["connection"] = "an Npgsql connection string, or a mongodb:// URL",
        ["data"] = "the data folder (lake, profiles, segments, runs)",
        ["days"] = "days of events (default 30)",
        ["description"] = "what the segment or metric is for",
        ["emit"] = "spark: write the ETL as Spark SQL files instead of running it",
        ["events"] = "generate: how many events (default 1000000); rules eval and explain: the customers' events (REES46 CSV) a rule's aggregates read",
        ["expr"] = "a computed metric's expression, such as \"count(purchases WHERE brand = 'apple' IN LAST 90d)\" (quote it; - reads stdin)",
        ["file"] = "a file of rules, one a line (- reads stdin)",
        ["from"] = "the first day of a backfill (or of the Spark ETL)",
        ["from-parquet"] = "profiles a Spark job wrote (a Parquet file or folder)",
        ["group"] = "the Kafka consumer group (default cdp-ingest)",
        ["hdfs"] = "also publish every lake file to HDFS through WebHDFS (http://NAMENODE:9870/PATH)",
        ["hdfs-user"] = "the HDFS user (default cdp)",
        ["input"] = "an events file in the REES46 CSV format (.gz too)",
        ["json"] = "the result as JSON",
        ["kafka"] = "a Kafka bootstrap address",
        ["kind"] = "where a destination sends: webhook, kafka or files",
        ["limit"] = "how many lines at most (default 100)",
        ["max-attempts"] = "attempts of a batch before it is parked, 1 to 100 (default 8)",
        ["lake"] = "the lake's path on the cluster",
        ["membership"] = "the folder of Spark's segment members",
        ["name"] = "the segment's (the computed metric's, the destination's) name",
        ["out"] = "where to write",
        ["owner"] = "who saves the segment or the metric",
        ["partitions"] = "partitions of each topic (default 4)",
        ["path"] = "profiles import: the folder of Spark's profiles, under the host's --import-root; destinations add: the folder (or WebHDFS location) files go to",
        ["profiles"] = "a profiles CSV (user_id, then metrics)",
        ["rate"] = "events a second (N/s), unlimited by default",
        ["rule"] = "the segment's rule (quote it; - reads stdin)",
        ["secret"] = "the webhook's signing secret (- reads it from stdin, out of the process list)",
        ["seed"] = "the random seed: the same seed gives the same bytes",
        ["segments"] = "the segments a destination receives, comma-separated (default: all)",
        ["start"] = "the first day (default 2019-10-01)",
        ["table"] = "the table the SQL selects from",
        ["target"] = "where the rule runs",
        ["to"] = "the last day of a backfill; for profiles load: postgres or mongo",
        ["topic"] = "the Kafka topic (ingest, replay: default events; destinations add: default segment-membership)",
        ["until-idle"] = "stop when the topic has nothing more to give",
        ["url"] = "the host's address (http://HOST:8080); destinations add: the webhook's URL",
        ["user"] = "a user_id",
        ["users"] = "how many customers (default 10000)",
        ["warehouse"] = "the folder the Spark ETL writes under (default /lake/warehouse)",
    };

    public static RootCommand Build(CommandIo io)
    {
        var root = Tree(io);
        if (!root.Directives.OfType<System.CommandLine.Completions.SuggestDirective>().Any())
        {
            root.Directives.Add(new System.CommandLine.Completions.SuggestDirective());
        }

        return root;
    }

    private static RootCommand Tree(CommandIo io) => new("cdp: a customer data platform around a segmentation rule language")
    {
        Group("rules", "the rule language: check, format, compile, explain and evaluate rules",
            "rules needs a command: check, format, compile, explain or eval",
            Leaf("check", "check a rule; exit 1 with line:column diagnostics", a => RulesCommands.Check(a, io.Stdin, io.Stdout), ["catalog", "file"], ["json"], "RULE"),
            Leaf("format", "print the rule's canonical text", a => RulesCommands.Format(a, io.Stdin, io.Stdout), ["catalog"], [], "RULE"),
            Leaf("compile", "the compiled form: SQL with its parameters, MongoDB as relaxed extended JSON (--target linq|spark|postgres|duckdb|mongo)",
                a => RulesCommands.Compile(a, io.Stdin, io.Stdout), ["target", "as-of", "table", "catalog"], [], "RULE"),
            Leaf("explain", "the value of every sub-rule for one customer", a => RulesCommands.Explain(a, io.Stdin, io.Stdout), ["profiles", "user", "events", "as-of", "catalog"], [], "RULE"),
            Leaf("eval", "the user_ids the rule selects, ascending, one a line (--target reference|linq|duckdb|postgres|mongo)",
                a => RulesCommands.Eval(a, io.Stdin, io.Stdout), ["profiles", "events", "target", "as-of", "connection", "catalog"], [], "RULE")),
        Leaf("generate", "realistic events in the REES46 format; the same seed gives the same bytes",
            a => GenerateCommand.Run(a, io.Stdout, io.Stderr), ["events", "users", "days", "start", "seed", "out"], []),
        Leaf("ingest", "an events file (--input) or Kafka (--kafka) into the lake under --data; prints accepted=N rejected=M",
            a => IngestCommand.Run(a, io.Stdout, io.Stderr), ["input", "data", "kafka", "topic", "group", "batch-events", "hdfs", "hdfs-user"], ["until-idle"]),
        Leaf("replay", "an events file into Kafka, keyed by user_id", a => ReplayCommand.Run(a, io.Stdout, io.Stderr), ["input", "kafka", "topic", "rate"], []),
        Leaf("kafka-mock", "a local Kafka-protocol broker (librdkafka's mock); prints its bootstrap address", a => KafkaMockCommand.Run(a, io.Stdin, io.Stdout), ["partitions", "topic"], []),
        Leaf("etl", "daily aggregates and the profiles as of a day (or each day --from --to); --emit spark writes Spark SQL files",
            a => ProfileCommands.Etl(a, io.Stdout, io.Stderr), ["data", "as-of", "from", "to", "catalog", "emit", "lake", "out", "warehouse"], []),
        Leaf("runs", "the ETL run history (CSV), newest first", a => ProfileCommands.Runs(a, io.Stdout), ["data"], []),
        Group("profiles", "the stored profiles: export, show, load into PostgreSQL or MongoDB, import Spark's",
            "profiles needs a command: export, show, load or import",
            Leaf("export", "the profiles as the CSV rules eval --profiles reads", a => ProfileCommands.Export(a, io.Stdout, io.Stderr), ["data", "as-of", "out", "catalog"], []),
            Leaf("show", "one customer's metrics", a => ProfileCommands.Show(a, io.Stdout), ["data", "user", "catalog"], []),
            Leaf("load", "the stored profiles (or Spark's, --from-parquet) into PostgreSQL or MongoDB", a => ProfileCommands.Load(a, io.Stdout),
                ["data", "to", "connection", "catalog", "from-parquet", "as-of"], []),
            Leaf("import", "ask a running host to take Spark's profiles (and segment members)", a => ProfileCommands.Import(a, io.Stdout), ["url", "path", "as-of", "api-key", "membership"], [])),
        Group("segments", "segments with versions, members per day, entered and exited",
            "segments needs a command: add, list, show, members, history or emit-spark",
            Leaf("add", "save a segment (a new version if it exists)", a => SegmentCommands.Add(a, io.Stdin, io.Stdout), ["data", "name", "rule", "description", "owner"], []),
            Leaf("list", "every segment with its size", a => SegmentCommands.List(a, io.Stdout), ["data"], []),
            Leaf("show", "one segment and its versions", a => SegmentCommands.Show(a, io.Stdout), ["data", "name"], []),
            Leaf("members", "the members on a day, one user_id a line", a => SegmentCommands.Members(a, io.Stdout), ["data", "name", "as-of"], []),
            Leaf("history", "size, entered and exited per evaluated day", a => SegmentCommands.History(a, io.Stdout), ["data", "name"], []),
            Leaf("emit-spark", "a running host's segments as Spark SQL: DIR/segments_D.sql", a => SegmentCommands.EmitSpark(a, io.Stdout), ["url", "as-of", "out", "api-key"], [])),
        Group("catalog", "the metrics rules may name: list them, define computed metrics",
            "catalog needs a command: add or list",
            Leaf("add", "define a computed metric in the data folder; the next etl computes it", a => CatalogCommands.Add(a, io.Stdin, io.Stdout),
                ["data", "name", "expr", "description", "owner", "catalog"], []),
            Leaf("list", "every metric: name, type, source (built-in, file, computed: EXPR), description; tab-separated", a => CatalogCommands.List(a, io.Stdout), ["data", "catalog"], [])),
        Group("destinations", "where segments' membership changes go: webhooks, Kafka, files (docs/activation.md)",
            "destinations needs a command: add, list, remove, log, replay or deliver",
            Leaf("add", "add a webhook (--url --secret), Kafka (--topic) or files (--path) destination; the next evaluations' changes go there",
                a => DestinationCommands.Add(a, io.Stdin, io.Stdout),
                ["data", "name", "kind", "url", "secret", "topic", "path", "segments", "max-attempts", "batch-size", "owner", "allow-destination-host"], []),
            Leaf("list", "every destination: name, kind, target, segments, batches delivered, pending, parked; tab-separated", a => DestinationCommands.List(a, io.Stdout), ["data"], []),
            Leaf("remove", "remove a destination with its outbox and log", a => DestinationCommands.Remove(a, io.Stdout), ["data", "name"], []),
            Leaf("log", "a destination's batches, newest first: number, status, attempts, segment, as-of, changes, last error", a => DestinationCommands.Log(a, io.Stdout), ["data", "name", "limit"], []),
            Leaf("replay", "put parked batches (or --batch N) back in line", a => DestinationCommands.Replay(a, io.Stdout), ["data", "name", "batch"], []),
            Leaf("deliver", "deliver what is due without a host (serve delivers by itself); prints delivered=N pending=M parked=K",
                a => DestinationCommands.Deliver(a, io.Stdout), ["data", "kafka", "allow-destination-host"], [])),
        Leaf("health", "exit 0 when the host answers its /health (the container health check)", a => HealthCommand.Run(a, io.Stdout), ["url"], []),
        Leaf("completion", "a shell completion script: eval \"$(cdp completion bash)\"", a => CompletionCommand.Run(a, io.Stdout), [], [], "SHELL"),
    };

    /// <summary>The handler's arguments from what System.CommandLine parsed for this command.</summary>
    internal static Arguments ArgumentsOf(ParseResult result, Command command)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in command.Options)
        {
            var name = option.Name.TrimStart('-');
            switch (option)
            {
                case Option<bool> flag when result.GetValue(flag):
                    flags.Add(name);
                    break;
                case Option<string> value when result.GetValue(value) is { } text:
                    values[name] = text;
                    break;
            }
        }

        var positional = command.Arguments.OfType<Argument<string[]>>().SelectMany(a => result.GetValue(a) ?? []).ToList();
        return new Arguments(values, flags, positional);
    }

    private static Command Leaf(string name, string description, Func<Arguments, int> run, string[] valueOptions, string[] flagOptions, string? positional = null)
    {
        var command = new Command(name, description);
        foreach (var option in valueOptions)
        {
            command.Options.Add(new Option<string>("--" + option) { Description = OptionHelp[option], HelpName = option.ToUpperInvariant().Replace('-', '_') });
        }

        foreach (var flag in flagOptions)
        {
            command.Options.Add(new Option<bool>("--" + flag) { Description = OptionHelp[flag] });
        }

        if (positional is not null)
        {
            command.Arguments.Add(new Argument<string[]>(positional) { Arity = ArgumentArity.ZeroOrMore, Description = positional == "RULE" ? "the rule, one argument (quote it); - reads it from stdin" : "bash" });
        }

        command.SetAction(result => run(ArgumentsOf(result, command)));
        return command;
    }

    private static Command Group(string name, string description, string missing, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            group.Subcommands.Add(subcommand);
        }

        group.SetAction((Func<ParseResult, int>)(_ => throw new UsageException(missing)));
        return group;
    }
}
