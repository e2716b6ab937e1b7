using Cdp.Host.Cli;
using Cdp.Host.Cli.Commands;

namespace Cdp.Host.Tests;

internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr);

internal static class CommandLineRunner
{
    public static CommandResult Run(params string[] args) => RunWithInput("", args);

    public static CommandResult RunWithInput(string stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = CommandLine.Run(args, new StringReader(stdin), stdout, stderr);
        return new CommandResult(code, stdout.ToString(), stderr.ToString());
    }

    public static string SampleProfiles =>
        Path.Combine(RepositoryPaths.Root, "samples", "profiles", "sample-profiles.csv");
}
