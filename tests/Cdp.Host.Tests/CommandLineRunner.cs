using Cdp.Host.Cli;

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
        Path.Combine(RepositoryRoot, "samples", "profiles", "sample-profiles.csv");

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cdp.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("the repository root (Cdp.slnx) was not found");
        }
    }
}
