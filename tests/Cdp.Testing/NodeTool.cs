using System.Diagnostics;
using System.Text.Json;

namespace Cdp.Testing;

/// <summary>
/// A long-lived node script under tools/ that answers one JSON line per JSON line. The script's
/// npm packages must be installed (test.sh runs npm ci); a missing one fails the tests with that hint.
/// </summary>
public sealed class NodeTool : IDisposable
{
    private readonly Process _process;

    public NodeTool(string folder, string script)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tools", folder);
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException($"tools/{folder}/node_modules is missing: run `npm ci --prefix tools/{folder}` (test.sh does)");
        }

        _process = NodeProcess.Start(directory, script);
    }

    public JsonElement Ask(object request)
    {
        _process.StandardInput.WriteLine(JsonSerializer.Serialize(request));
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException("the node tool stopped: " + _process.StandardError.ReadToEnd());
        return JsonDocument.Parse(line).RootElement.Clone();
    }

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
