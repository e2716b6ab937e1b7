using System.Globalization;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Scheduling;
using Cdp.Pipeline.Store;

namespace Cdp.Host.Cli.Commands;

/// <summary><c>etl</c> and <c>profiles export|show</c>.</summary>
internal static class ProfileCommands
{
    public static int Etl(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        if (arguments.Value("emit") is { } target)
        {
            return Emit(arguments, target, stdout);
        }

        var data = arguments.ExistingData();
        var catalog = Catalog(arguments);
        var progress = new ConsoleProgress(step => stderr.WriteLine($"etl: {step}"));
        EtlResult? last = null;
        var days = new List<DateOnly>();
        if (arguments.Value("from") is { } from)
        {
            // A backfill: the segments as of every day of the range, in order, and the profiles as of its last day.
            var to = Date(arguments.Value("to") ?? throw new UsageException("--from needs --to"), "--to");
            for (var day = Date(from, "--from"); day <= to; day = day.AddDays(1))
            {
                days.Add(day);
            }
        }
        else
        {
            days.Add(Date(arguments.Required("as-of"), "--as-of"));
        }

        // A backfill's days before its last only evaluate the segments; the last replaces the stored profiles.
        var runner = EtlRunner.Embedded(data, catalog, maxAttempts: 1, progress: progress, finished: result => last = result, keepsProfiles: day => day == days[^1]);
        using (EmbeddedStore.Open(data, catalog))
        {
            runner.MarkInterrupted(); // with the store open (a running host holds it and this fails): no run of another process is live
        }

        foreach (var day in days)
        {
            var run = runner.RunAsync(day, "command line").GetAwaiter().GetResult();
            if (run.Status != EtlRunStatus.Succeeded)
            {
                stderr.WriteLine($"cdp: the ETL as of {day:yyyy-MM-dd} {run.Status}: {run.Error}");
                return ExitCodes.UsageError;
            }

            Report(stdout, last!);
        }

        return ExitCodes.Success;
    }

    private static int Emit(Arguments arguments, string target, TextWriter stdout)
    {
        if (target != "spark")
        {
            throw new UsageException($"--emit takes spark, not `{target}`");
        }

        var asOf = Date(arguments.Required("as-of"), "--as-of");
        var from = arguments.Value("from") is { } text ? Date(text, "--from") : asOf;
        var days = Enumerable.Range(0, asOf.DayNumber - from.DayNumber + 1).Select(from.AddDays);
        var catalog = Catalog(arguments);
        IReadOnlyList<Cdp.Rules.Rule> compute = [];
        if (arguments.Value("data") is not null)
        {
            // With a data folder, the profiles job also computes its segments' and computed metrics' aggregates.
            using var store = EmbeddedStore.Open(arguments.ExistingData(), catalog);
            compute = store.RulesToCompute();
        }

        foreach (var file in SparkEtlFiles.Write(arguments.Required("out"), catalog, arguments.Required("lake"), asOf, days, arguments.Value("warehouse") ?? SparkEtlFiles.DefaultWarehouse, compute))
        {
            stdout.WriteLine(file);
        }

        return ExitCodes.Success;
    }

    public static int Runs(Arguments arguments, TextWriter stdout)
    {
        var data = arguments.ExistingData();
        stdout.WriteLine("id,as_of,trigger,status,attempt,started_at,finished_at,profiles,error");
        foreach (var run in new EtlRunner(data, _ => 0).History())
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.Id},{run.AsOf:yyyy-MM-dd},{run.Trigger},{run.Status},{run.Attempt},{run.StartedAt:u},{run.FinishedAt:u},{run.Profiles},{Pipeline.CsvCell.QuotedText(run.Error ?? "")}"));
        }

        return ExitCodes.Success;
    }

    public static int Export(Arguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var data = arguments.ExistingData();
        var asOf = Date(arguments.Required("as-of"), "--as-of");
        var path = arguments.Required("out");
        using var store = EmbeddedStore.Open(data, Catalog(arguments));
        if (store.ProfilesAsOf != asOf)
        {
            new DuckDbEtl(store).Run(asOf, new ConsoleProgress(step => stderr.WriteLine($"etl: {step}")));
        }

        long rows;
        using (var writer = new StreamWriter(path))
        {
            rows = store.Export(writer);
        }

        stdout.WriteLine($"exported={rows} as_of={asOf:yyyy-MM-dd} file={path}");
        return ExitCodes.Success;
    }

    public static int Show(Arguments arguments, TextWriter stdout)
    {
        var data = arguments.ExistingData();
        var user = long.TryParse(arguments.Required("user"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new UsageException($"--user takes a user_id, not `{arguments.Value("user")}`");
        var catalog = Catalog(arguments);
        using var store = EmbeddedStore.Open(data, catalog);
        var asOf = store.ProfilesAsOf ?? throw new UsageException($"no profiles in {data} yet: run `cdp etl --data {data} --as-of DATE`", pointToHelp: false);
        var profile = store.Profiles(user).FirstOrDefault() ?? throw new UsageException($"user {user} has no profile as of {asOf:yyyy-MM-dd}", pointToHelp: false);
        stdout.WriteLine($"user {user} as of {asOf:yyyy-MM-dd}");
        var width = catalog.Declarations.Max(d => d.Name.Length);
        foreach (var declaration in catalog.Declarations)
        {
            var value = profile.Metrics[declaration.Name];
            stdout.WriteLine($"  {declaration.Name.PadRight(width)}  {(value is null ? "NULL" : ProfileValueFormat.Format(value)),-28}  {declaration.Description}");
        }

        return ExitCodes.Success;
    }

    public static int Load(Arguments arguments, TextWriter stdout)
    {
        var catalog = Catalog(arguments);
        var connection = arguments.Required("connection");
        EmbeddedStore? embedded = null;
        try
        {
            IEnumerable<ProfileRow> profiles;
            DateOnly asOf;
            if (arguments.Value("from-parquet") is { } parquet)
            {
                // Profiles a Spark job computed (cdp etl --emit spark): its Parquet table, as of the day it was run for.
                asOf = Date(arguments.Required("as-of"), "--as-of");
                profiles = DuckDbProfileReader.ReadParquet(parquet, catalog);
            }
            else
            {
                var data = arguments.ExistingData();
                embedded = EmbeddedStore.Open(data, catalog);
                asOf = embedded.ProfilesAsOf ?? throw new UsageException($"no profiles in {data} yet: run `cdp etl --data {data} --as-of DATE`", pointToHelp: false);
                profiles = embedded.Profiles();
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            long rows;
            switch (arguments.Required("to"))
            {
                case "postgres":
                    using (var store = new PostgresProfileStore(connection, catalog))
                    {
                        rows = store.Load(profiles, asOf);
                    }

                    break;
                case "mongo":
                    rows = new MongoProfileStore(connection, catalog).Load(profiles, asOf);
                    break;
                case var other:
                    throw new UsageException($"--to takes postgres or mongo, not `{other}`");
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded={rows} as_of={asOf:yyyy-MM-dd} seconds={clock.Elapsed.TotalSeconds:0.00}"));
            return ExitCodes.Success;
        }
        finally
        {
            embedded?.Dispose();
        }
    }

    /// <summary>Asks a running host to import profiles (and optionally segment members) a Spark job wrote under its import root.</summary>
    public static int Import(Arguments arguments, TextWriter stdout)
    {
        var asOf = Date(arguments.Required("as-of"), "--as-of");
        using var host = new HostClient(arguments);
        var run = host.PostJson("/api/profiles/import", new
        {
            path = arguments.Required("path"),
            asOf = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            membership = arguments.Value("membership"),
        });
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported={run.GetProperty("profiles").GetInt64()} as_of={asOf:yyyy-MM-dd} run={run.GetProperty("id").GetInt64()}"));
        return ExitCodes.Success;
    }

    private static void Report(TextWriter stdout, EtlResult result) =>
        stdout.WriteLine($"as_of={result.AsOf:yyyy-MM-dd} days_built={result.DaysBuilt} daily_rows={result.DailyRows} profiles={result.Profiles}");

    private static ProfileCatalog Catalog(Arguments arguments) =>
        arguments.Value("catalog") is { } path ? ProfileCatalog.WithFile(path) : ProfileCatalog.Default;

    private static DateOnly Date(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"{option} takes a date such as 2019-10-31, not `{text}`");

    private sealed class ConsoleProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
