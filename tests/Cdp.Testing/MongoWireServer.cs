using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cdp.Testing;

/// <summary>
/// The MongoDB wire-protocol stand-in (tools/mongo-wire, CongoDB) on a free loopback port, for tests that
/// go through the official driver. Missing packages fail the tests with the command that installs them.
/// </summary>
public sealed class MongoWireServer : IDisposable
{
    private readonly Process _process;

    public MongoWireServer()
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tools", "mongo-wire");
        if (!File.Exists(Path.Combine(directory, "node_modules", "@push.rocks", "smartmongo", "dist_ts", "congodb", "index.js")))
        {
            throw new InvalidOperationException("the MongoDB stand-in is not installed: run tools/mongo-wire/install.sh (test.sh does)");
        }

        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        _process = NodeProcess.Start(directory, $"server.mjs {Port}");
        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result is not { } line || !line.StartsWith("listening", StringComparison.Ordinal))
        {
            _process.Kill();
            throw new InvalidOperationException("the MongoDB stand-in did not start: " + _process.StandardError.ReadToEnd());
        }
    }

    public int Port { get; }

    public string ConnectionString => $"mongodb://127.0.0.1:{Port}/cdp?directConnection=true";

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
