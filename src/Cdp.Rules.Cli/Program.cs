using Cdp.Pipeline.Metrics;
using Cdp.Rules.Cli;

// cdp-rules check RULE... | check - | check --file FILE|- | format RULE... | format -
// The rule commands of `cdp`, over the platform's built-in catalog, as a native executable: `./cdp rules check|format`
// runs it for these forms (anything else, such as --catalog or --json, goes to the host). Mistakes in the rule: exit 1.
var stdout = Console.Out;
var stdin = Console.In;
var catalog = ProfileCatalog.Default.Catalog;
switch (args)
{
    case ["check", "--file", var file]:
        if (file != "-" && !File.Exists(file))
        {
            return Usage($"no rules file at {file}");
        }

        return RuleChecks.CheckLines(file == "-" ? stdin.ReadToEnd().Split('\n') : File.ReadAllLines(file), catalog, stdout);
    case ["check", "-"]:
        return RuleChecks.Check(stdin.ReadToEnd(), catalog, stdout);
    case ["check", .. var words] when words.Length > 0 && !words.Any(w => w.StartsWith('-') && w.Length > 1):
        return RuleChecks.Check(string.Join(' ', words), catalog, stdout);
    case ["format", "-"]:
        return RuleChecks.Format(stdin.ReadToEnd(), catalog, stdout);
    case ["format", .. var words] when words.Length > 0 && !words.Any(w => w.StartsWith('-') && w.Length > 1):
        return RuleChecks.Format(string.Join(' ', words), catalog, stdout);
    default:
        return Usage("cdp-rules takes check RULE, check - , check --file FILE or format RULE; the other rule commands and options are cdp's (cdp rules --help)");
}

static int Usage(string message)
{
    Console.Error.WriteLine($"cdp: {message}");
    return 2;
}
