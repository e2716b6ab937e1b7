using Cdp.Pipeline.Profiles;

namespace Cdp.Host.Cli.Commands;

/// <summary>The verbs of the one executable.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: cdp <command> [options]

        rule commands (RULE is one argument: quote it; - reads it from stdin):
          rules check RULE [--json]                      check a rule; exit 1 with line:column diagnostics
          rules format RULE                              print the canonical text
          rules compile --target linq|spark|postgres|duckdb|mongo RULE [--table NAME] [--as-of DATE]
                                                         print the compiled form (SQL with its parameters;
                                                         MongoDB as relaxed extended JSON)
          rules explain --profiles FILE --user ID RULE [--as-of DATE] [--events EVENTS.csv]
                                                         the value of every sub-rule for one customer
          rules eval --profiles FILE [--target reference|linq|duckdb|postgres|mongo] RULE [--as-of DATE]
                     [--connection CONNECTION]           the user_ids the rule selects, ascending, one a line
                     [--events EVENTS.csv]               (postgres takes an Npgsql connection string,
                                                         mongo a mongodb:// URL; a rule with event
                                                         aggregates reads them from --events, REES46 CSV)

        event commands:
          generate --events N --users U --days D --start DATE --seed S --out FILE[.gz]
                                                         realistic events in the REES46 format; the same
                                                         seed gives the same bytes
          ingest --input FILE[.gz] --data DIR            an events file (REES46 CSV) into the lake under DIR;
                                                         prints accepted=N rejected=M, refused lines go to
                                                         DIR/rejected/ with their line and reason
          ingest --kafka BOOTSTRAP --data DIR [--topic events] [--group cdp-ingest] [--until-idle] [--batch-events 100000]
                 [--hdfs http://NAMENODE:9870/PATH] [--hdfs-user cdp]   (either form: publish every lake file to HDFS too)
                                                         the ingest worker: Kafka into the lake, exactly once;
                                                         refused messages to the topic events.dead-letter
          replay --input FILE --kafka BOOTSTRAP [--topic events] [--rate N/s]
                                                         an events file into Kafka, keyed by user_id
          kafka-mock [--partitions 4]                    a local Kafka-protocol broker (librdkafka's mock);
                                                         prints its bootstrap address

        profile commands:
          etl --data DIR --as-of DATE [--catalog FILE]   daily aggregates up to DATE and the profiles as of DATE
          etl --data DIR --from D1 --to D2               a backfill: the profiles as of every day of the range
          etl --emit spark --lake PATH --as-of D --out DIR [--from D1]
                                                         the same ETL as Spark SQL files for a cluster
          runs --data DIR                                the ETL run history (CSV), newest first;
                                                         cdp serve --data DIR --schedule "0 2 * * *" runs
                                                         the ETL daily (UTC) as of the day before
          profiles export --data DIR --as-of DATE --out FILE.csv
                                                         the profiles as the CSV rules eval --profiles reads
          profiles show --data DIR --user ID             one customer's metrics
          profiles load --data DIR --to postgres|mongo --connection C
                                                         the stored profiles into PostgreSQL or MongoDB
          profiles load --from-parquet PATH --as-of D --to postgres|mongo --connection C
                                                         profiles a Spark job wrote, into the same stores
          profiles import --url http://HOST:8080 --path DIR --as-of D [--membership DIR] [--api-key K]
                                                         ask a running host (serve --import-root ROOT) to take
                                                         Spark's profiles (and segment members) under ROOT;
                                                         key from CDP_API_KEY
          segments emit-spark --url http://HOST:8080 --as-of D --out DIR [--api-key K]
                                                         the host's segments as Spark SQL: DIR/segments_D.sql
          segments add --data DIR --name N --rule RULE [--description D] [--owner O]
                                                         save a segment (a new version if it exists);
                                                         every etl run evaluates every segment
          segments list|show|members|history --data DIR [--name N] [--as-of DATE]

        web app (the default command: `cdp` alone serves it):
          serve [--data DIR] [--urls URL] [--admin-password P] [--schedule CRON] [--kafka BOOTSTRAP]
                                                         the platform and its web app; with no --data, a folder
                                                         under your home, prepared with a sample month on first
                                                         start; prints where it listens (docs/web-app.md)
        health [--url http://127.0.0.1:8080/health]     exit 0 when the host answers (container health check)
        completion bash                                 a bash completion script: eval "$(cdp completion bash)"

        Every command and sub-command answers --help with its own options (cdp rules eval --help).

        --as-of takes a date (2019-10-31: the close of that day) or a UTC timestamp (2019-10-31T08:00:00Z);
        without it the clock is the close of today (UTC).
        Exit codes: 0 done, 1 the rule has mistakes, 2 wrong usage or unreadable input.
        """;

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args is [] or ["help" or "--help" or "-h"])
        {
            return Help(stdout); // the whole map of verbs; each command's own --help comes from System.CommandLine
        }

        var root = CommandTree.Build(new CommandIo(stdin, stdout, stderr));
        var parsed = root.Parse(args);
        try
        {
            // A shell asking what fits at its cursor ([suggest:N] "the line") is answered by System.CommandLine itself.
            if (!parsed.Tokens.Any(t => t.Type == System.CommandLine.Parsing.TokenType.Directive) && ParseProblems.Describe(parsed) is { } problem)
            {
                throw new UsageException(problem.Message) { HelpFor = problem.Command };
            }

            return parsed.Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"cdp: {e.Message}");
            if (e.PointToHelp)
            {
                stderr.WriteLine($"run `cdp {e.HelpFor ?? ParseProblems.Path(parsed.CommandResult)}--help` for usage");
            }

            return ExitCodes.UsageError;
        }
        catch (ProfileFileException e)
        {
            stderr.WriteLine($"cdp: {e.Message}");
            return ExitCodes.UsageError;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return ExitCodes.Success;
    }
}
