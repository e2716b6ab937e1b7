using System.Globalization;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Segments;
using Cdp.Rules;
using Cdp.Rules.Cli;

using Cdp.Host.Rules;

namespace Cdp.Host.Cli.Commands;

/// <summary><c>rules check|format|explain|eval</c>.</summary>
internal static class RulesCommands
{
    public static int Check(Arguments arguments, TextReader stdin, TextWriter stdout)
    {
        var catalog = CatalogOf(arguments);
        if (arguments.Value("file") is { } file)
        {
            return CheckFile(file, catalog, stdin, stdout);
        }

        var text = RuleText(arguments, stdin);
        if (arguments.Flag("json"))
        {
            var result = Rule.Parse(text, catalog);
            stdout.WriteLine(DiagnosticJson.Write(result));
            return result.Succeeded ? ExitCodes.Success : ExitCodes.InvalidRule;
        }

        return RuleChecks.Check(text, catalog, stdout);
    }

    /// <summary>
    /// <c>rules check --file FILE</c> (<c>-</c>: stdin): one rule a line (blank lines skipped), one result line each —
    /// <c>N: valid: CANONICAL</c>, or <c>N:COLUMN: message</c> for each mistake — and exit 1 when any rule has
    /// mistakes, so a CI script checks every saved rule in one process.
    /// </summary>
    private static int CheckFile(string file, IMetricCatalog catalog, TextReader stdin, TextWriter stdout)
    {
        if (file != "-" && !File.Exists(file))
        {
            throw new UsageException($"no rules file at {file}", pointToHelp: false);
        }

        return RuleChecks.CheckLines(file == "-" ? stdin.ReadToEnd().Split('\n') : File.ReadAllLines(file), catalog, stdout);
    }

    public static int Format(Arguments arguments, TextReader stdin, TextWriter stdout) =>
        RuleChecks.Format(RuleText(arguments, stdin), CatalogOf(arguments), stdout);

    public static int Explain(Arguments arguments, TextReader stdin, TextWriter stdout)
    {
        var catalog = CatalogOf(arguments);
        var path = arguments.Required("profiles");
        var user = ParseUser(arguments.Required("user"));
        var clock = Clock(arguments);
        var result = Rule.Parse(RuleText(arguments, stdin), catalog);
        if (!result.Succeeded)
        {
            WriteDiagnostics(result, stdout);
            return ExitCodes.InvalidRule;
        }

        var profile = ReadProfiles(path, catalog).FirstOrDefault(p => p.UserId == user)
            ?? throw new UsageException($"user {user} is not in {path}", pointToHelp: false);
        var events = CustomerEvents.For(arguments, result.Rule);
        stdout.Write(result.Rule.Explain(profile.Metrics, events?.Of(user), clock).ToString());
        return ExitCodes.Success;
    }

    public static int Eval(Arguments arguments, TextReader stdin, TextWriter stdout)
    {
        var catalog = CatalogOf(arguments);
        var path = arguments.Required("profiles");
        var target = arguments.Value("target") ?? "reference";
        var clock = Clock(arguments);
        var result = Rule.Parse(RuleText(arguments, stdin), catalog);
        if (!result.Succeeded)
        {
            WriteDiagnostics(result, stdout);
            return ExitCodes.InvalidRule;
        }

        var rule = result.Rule;
        var profileCatalog = catalog;
        Func<IEnumerable<ProfileRow>> profiles = () => ReadProfiles(path, profileCatalog);
        if (CustomerEvents.For(arguments, rule) is { } events)
        {
            if (target == "reference")
            {
                var reference = rule; // computes each aggregate from the customer's events, as the contract says
                return WriteMembers(Filter(profiles, p => reference.Evaluate(p.Metrics, events.Of(p.UserId), clock) == TruthValue.True), stdout);
            }

            // Every other target reads an aggregate from its derived column, as from a profile store that holds it:
            // the reference computes the columns into each row here, and the catalog declares them.
            (rule, catalog, profiles) = events.Holding(rule, profiles, clock);
        }

        var checkedRule = rule;
        IReadOnlyList<long> members = target switch
        {
            "reference" => Filter(profiles, p => checkedRule.Evaluate(p.Metrics, clock) == TruthValue.True),
            "linq" => Filter(profiles, p => LinqTarget.CompileRows(checkedRule, clock)(p.Metrics)),
            "duckdb" => OnEngine(profiles, new DuckDbSegmentEngine(catalog), rule, clock),
            "postgres" => OnEngine(profiles, new PostgresSegmentEngine(arguments.Value("connection")
                ?? throw new UsageException("--target postgres needs --connection \"Host=...;Username=...;Database=...\""), catalog), rule, clock),
            "mongo" => OnEngine(profiles, new MongoSegmentEngine(arguments.Value("connection")
                ?? throw new UsageException("--target mongo needs --connection mongodb://HOST:PORT/DATABASE"), catalog), rule, clock),
            _ => throw new UsageException($"unknown target `{target}`; the targets are reference, linq, duckdb, postgres and mongo"),
        };

        return WriteMembers(members, stdout);
    }

    private static int WriteMembers(IReadOnlyList<long> members, TextWriter stdout)
    {
        foreach (var member in members)
        {
            stdout.WriteLine(member.ToString(CultureInfo.InvariantCulture));
        }

        return ExitCodes.Success;
    }

    public static int Compile(Arguments arguments, TextReader stdin, TextWriter stdout)
    {
        var catalog = CatalogOf(arguments);
        var target = arguments.Required("target");
        var clock = Clock(arguments);
        var table = arguments.Value("table");
        var result = Rule.Parse(RuleText(arguments, stdin), catalog);
        if (!result.Succeeded)
        {
            WriteDiagnostics(result, stdout);
            return ExitCodes.InvalidRule;
        }

        var text = RuleCompilation.Compile(result.Rule, target, clock, table)
            ?? throw new UsageException($"unknown target `{target}`; the targets are {string.Join(", ", RuleCompilation.Targets)}");
        stdout.WriteLine(text);
        return ExitCodes.Success;
    }

    /// <summary>The catalog rules are checked against: the built-in metrics, plus those of a catalog file (the one `cdp etl --catalog` computes).</summary>
    private static IMetricCatalog CatalogOf(Arguments arguments) => CatalogCommands.Catalog(arguments).Catalog;

    private static List<long> Filter(Func<IEnumerable<ProfileRow>> profiles, Func<ProfileRow, bool> isMember)
    {
        var members = profiles().Where(isMember).Select(p => p.UserId).ToList();
        members.Sort();
        return members;
    }

    private static IReadOnlyList<long> OnEngine(Func<IEnumerable<ProfileRow>> profiles, ISegmentEngine engine, Rule rule, RuleClock clock)
    {
        using (engine)
        {
            engine.Load(profiles());
            return engine.Members(rule, clock);
        }
    }

    private static IEnumerable<ProfileRow> ReadProfiles(string path, IMetricCatalog catalog)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"no profiles file at {path}", pointToHelp: false);
        }

        using var rows = ProfileCsvReader.ReadFile(path, catalog).GetEnumerator();
        while (true)
        {
            try
            {
                if (!rows.MoveNext())
                {
                    yield break;
                }
            }
            catch (ProfileFileException e)
            {
                throw new UsageException($"{path}:{e.Message}", pointToHelp: false);
            }

            yield return rows.Current;
        }
    }

    private static string RuleText(Arguments arguments, TextReader stdin) => arguments.Positional switch
    {
        [] => throw new UsageException("give the rule as one quoted argument, or - to read it from stdin"),
        ["-"] => stdin.ReadToEnd(),
        var words => string.Join(' ', words),
    };

    private static long ParseUser(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException($"--user takes a user_id, not `{text}`");

    private static RuleClock Clock(Arguments arguments)
    {
        var text = arguments.Value("as-of");
        if (text is null)
        {
            return RuleClock.AsOfDate(DateOnly.FromDateTime(DateTime.UtcNow));
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return RuleClock.AsOfDate(date);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return RuleClock.AtInstant(instant.UtcDateTime);
        }

        throw new UsageException($"--as-of takes a date such as 2019-10-31 or a UTC timestamp such as 2019-10-31T08:00:00Z, not `{text}`");
    }

    private static void WriteDiagnostics(RuleParseResult result, TextWriter stdout) => RuleChecks.WriteDiagnostics(result, stdout);
}
