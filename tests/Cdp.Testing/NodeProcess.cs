using System.Diagnostics;

namespace Cdp.Testing;

/// <summary>Starts a node script under tools/ with its standard streams redirected to the test.</summary>
public static class NodeProcess
{
    public static Process Start(string directory, string arguments) =>
        Process.Start(new ProcessStartInfo("node", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("node did not start: install Node.js");
}
