using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cdp.Host.Tests;

/// <summary>The cdp executable (the build beside the tests) as a process of its own, to be killed as a user's would be.</summary>
internal static class CdpProcess
{
    public static Process Start(params string[] arguments)
    {
        var cdp = Path.Combine(AppContext.BaseDirectory, "cdp.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Prepend(cdp))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
