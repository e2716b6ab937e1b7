using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cdp.Testing;

/// <summary>
/// A throw-away PostgreSQL server (Debian's postgresql package) in a temporary folder on a free loopback
/// port, started for the test run and stopped after it. When the binaries are missing the tests fail
/// with a message that says how to install them; they never pass silently.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _directory;
    private readonly string _bin;

    public PostgresServer()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin: install them with `apt-get install -y postgresql` (test.sh does)");
        _directory = Path.Combine(Path.GetTempPath(), "cdp-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        Port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres {_directory}");
        }

        RunAs(asRoot, Path.Combine(_bin, "initdb"), $"-D {_directory}/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8");
        RunAs(asRoot, Path.Combine(_bin, "pg_ctl"),
            $"-D {_directory}/data -w -l {_directory}/log -o \"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory} -c fsync=off -c full_page_writes=off\" start");
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        try
        {
            RunAs(Environment.UserName == "root", Path.Combine(_bin, "pg_ctl"), $"-D {_directory}/data -m immediate stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAs(bool asRoot, string program, string arguments)
    {
        if (asRoot)
        {
            Run("su", $"postgres -s /bin/sh -c \"{program} {arguments.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {arguments} did not finish in 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }
}
