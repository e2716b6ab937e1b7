using System.CommandLine;
using Cdp.Host.Cli;
using Cdp.Host.Cli.Commands;

namespace Cdp.Host.Tests;

/// <summary>
/// The command line on System.CommandLine: every command and sub-command answers --help with its own options, a
/// mistyped command or option is refused (exit 2) with the nearest one, and a shell can ask what fits at its cursor.
/// </summary>
public class CommandTreeTests
{
    private static readonly CommandIo Null = new(TextReader.Null, TextWriter.Null, TextWriter.Null);

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            foreach (var sub in command.Subcommands)
            {
                data.Add((path + " " + sub.Name).Trim());
                Walk(sub, path + " " + sub.Name);
            }
        }

        Walk(CommandTree.Build(Null), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_answers_help_with_its_own_options(string command)
    {
        var result = CommandLineRunner.Run([.. command.Split(' '), "--help"]);
        Assert.Equal(0, result.ExitCode);
        // The usage line names the executable (cdp; the test host here), then the command's words.
        Assert.Matches($@"Usage:\n  \S+ {System.Text.RegularExpressions.Regex.Escape(command)}( |\n)", result.Stdout);
        var node = command.Split(' ').Aggregate((Command)CommandTree.Build(Null), (c, word) => c.Subcommands.Single(s => s.Name == word));
        foreach (var option in node.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != "--help"))
        {
            Assert.Contains(option.Name, result.Stdout, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{command} {option.Name} has no description");
        }

        foreach (var sub in node.Subcommands)
        {
            Assert.Contains(sub.Name, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "segments", "lst", "--data", "x" }, "cdp: unknown segments command `lst`; use add, list, show, members, history or emit-spark (did you mean `list`?)", "run `cdp segments --help` for usage")]
    [InlineData(new[] { "rules", "eval", "--profile", "p.csv", "x" }, "cdp: unknown option --profile (did you mean --profiles?); this command takes --as-of, --catalog, --connection, --events, --profiles, --target", "run `cdp rules eval --help` for usage")]
    [InlineData(new[] { "injest", "--input", "x" }, "cdp: unknown command `injest` (did you mean `ingest`?)", "run `cdp --help` for usage")]
    [InlineData(new[] { "ingest", "--data" }, "cdp: --data needs a value", "run `cdp ingest --help` for usage")]
    [InlineData(new[] { "runs", "--data", "x", "extra" }, "cdp: `extra` is not an argument of runs", "run `cdp runs --help` for usage")]
    [InlineData(new[] { "profiles" }, "cdp: profiles needs a command: export, show, load or import", "run `cdp profiles --help` for usage")]
    public void A_mistyped_command_or_option_exits_2_naming_the_nearest(string[] args, string message, string help)
    {
        var result = CommandLineRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{message}\n{help}\n", result.Stderr);
    }

    [Theory]
    [InlineData("rules ch", "check")]
    [InlineData("cdp rules check --j", "--json")]
    [InlineData("segments mem", "members")]
    public void A_shell_asks_what_fits_at_its_cursor(string line, string expected)
    {
        var result = CommandLineRunner.Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Stdout.Split('\n'));
    }

    [Fact]
    public void The_bash_completion_script_asks_cdp_itself()
    {
        var result = CommandLineRunner.Run("completion", "bash");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("complete -o default -F _cdp_complete cdp ./cdp", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, CommandLineRunner.Run("completion", "fish").ExitCode);
    }
}
