using System.Diagnostics;
using static Cdp.Host.Tests.CommandLineRunner;

namespace Cdp.Host.Tests;

/// <summary>
/// The native <c>cdp-rules</c> (Native AOT, published by ./test.sh to artifacts/cdp-rules) answers <c>rules check</c>
/// and <c>rules format</c> exactly as the host does, output and exit code, and <c>./cdp</c> runs it for those forms.
/// </summary>
public sealed class NativeRuleCommandsTests : IDisposable
{
    private static readonly string Native = Path.Combine(RepositoryPaths.Root, "artifacts", "cdp-rules", "cdp-rules");
    private readonly string _rules = Path.Combine(Path.GetTempPath(), "cdp-rules-" + Guid.NewGuid().ToString("N") + ".txt");

    public NativeRuleCommandsTests() => File.WriteAllText(_rules, "sessions_7d > 3\n\nsesions_7d > 3 AND top_brand_30d = 5\r\ncount(purchases IN LAST 30d) >= 2\nspend_30d >\n");

    public void Dispose() => File.Delete(_rules);

    public static TheoryData<string[]> Commands => new()
    {
        { new[] { "check", "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)" } },
        { new[] { "check", "sesions_7d > 3 AND top_brand_30d = 5" } },
        { new[] { "check", "count(purchse WHERE brnd = 'x') > 1", "AND", "in_segment('x')" } },
        { new[] { "format", "sessions_7d>3 and (is_buyer or top_brand_30d='apple')" } },
        { new[] { "format", "spend_30d >" } },
        { new[] { "check", "--file", "RULES" } },
        { new[] { "check", "--file", "/nowhere/rules.txt" } },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_native_commands_answer_as_the_host_does(string[] command)
    {
        var args = command.Select(a => a == "RULES" ? _rules : a).ToArray();
        var host = Run(["rules", .. args]);

        var native = RunNative(Native, args);

        Assert.Equal((host.ExitCode, host.Stdout, host.Stderr), native);
    }

    [Fact]
    public void The_cdp_script_runs_the_native_commands_and_the_host_for_the_others()
    {
        var script = Path.Combine(RepositoryPaths.Root, "cdp");

        var check = RunNative(script, ["rules", "check", "sessions_7d > 3"], trace: true);
        var json = RunNative(script, ["rules", "check", "--json", "sessions_7d > 3"], trace: true);

        Assert.Equal((0, "valid: sessions_7d > 3\n", $"cdp: running {Native}\n"), check);
        Assert.Equal(0, json.ExitCode);
        Assert.StartsWith("cdp: running dotnet ", json.Stderr, StringComparison.Ordinal); // --json is the host's
    }

    private static (int ExitCode, string Stdout, string Stderr) RunNative(string executable, string[] args, bool trace = false)
    {
        Assert.True(File.Exists(Native), $"the native rule commands are not published: dotnet publish src/Cdp.Rules.Cli -c Release -r linux-x64 -o artifacts/cdp-rules (./test.sh does)");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (trace)
        {
            start.Environment["CDP_TRACE"] = "1";
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
