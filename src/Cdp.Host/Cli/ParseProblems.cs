using System.CommandLine;
using System.CommandLine.Parsing;
using Cdp.Rules;

namespace Cdp.Host.Cli;

/// <summary>A usage mistake System.CommandLine found, in the command line's own words, and the command whose help to read.</summary>
internal sealed record ParseProblem(string Message, string Command);

/// <summary>
/// What is wrong with a parsed command line, said as the command line always said it, with the nearest command or
/// option when one is close: <c>unknown option --jsn; did you mean --json? this command takes --catalog, --file, --json</c>.
/// </summary>
internal static class ParseProblems
{
    public static ParseProblem? Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var path = Path(parsed.CommandResult);
        var options = command.Options.Where(o => !o.Hidden && o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != "--help" && o.Name != "--version")
            .Select(o => o.Name).Order(StringComparer.Ordinal).ToList();

        var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        if (commands.Count > 0 && parsed.UnmatchedTokens.FirstOrDefault() is { } word)
        {
            var nearest = NameSuggestions.Closest(word, commands);
            var said = parsed.CommandResult.Parent is null
                ? $"unknown command `{word}`"
                : $"unknown {command.Name} command `{word}`; use {string.Join(", ", commands.Take(commands.Count - 1))} or {commands[^1]}";
            return new ParseProblem(said + (nearest is null ? "" : $" (did you mean `{nearest}`?)"), path);
        }

        // A word that looks like an option, where the command has none of that name: the parser may have taken it as
        // a positional word (a rule), so every token is checked, except those after a `--`.
        foreach (var token in parsed.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash))
        {
            if (token.Type == TokenType.Argument && token.Value.StartsWith("--", StringComparison.Ordinal) && token.Value.Length > 2)
            {
                var name = token.Value.Split('=')[0];
                var nearest = NameSuggestions.Closest(name, options);
                return new ParseProblem(
                    $"unknown option {name}" + (nearest is null ? "" : $" (did you mean {nearest}?)") +
                    (options.Count > 0 ? $"; this command takes {string.Join(", ", options)}" : "; this command takes no options"),
                    path);
            }
        }

        if (parsed.Errors.Count == 0)
        {
            return null;
        }

        if (parsed.UnmatchedTokens.FirstOrDefault() is { } unmatched)
        {
            return new ParseProblem($"`{unmatched}` is not an argument of {(path.Length == 0 ? "cdp" : path.TrimEnd())}", path);
        }

        var error = parsed.Errors[0];
        return error.SymbolResult is OptionResult option
            ? new ParseProblem($"{option.Option.Name} needs a value", path)
            : new ParseProblem(error.Message, path);
    }

    /// <summary>The words of a parsed command after <c>cdp</c>, each followed by a space (<c>rules check </c>).</summary>
    public static string Path(CommandResult result)
    {
        var words = new List<string>();
        for (var command = result; command.Parent is CommandResult parent; command = parent)
        {
            words.Insert(0, command.Command.Name);
        }

        return string.Concat(words.Select(w => w + " "));
    }
}
