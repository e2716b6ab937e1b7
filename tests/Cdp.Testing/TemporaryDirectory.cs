namespace Cdp.Testing;

/// <summary>A temporary folder deleted after the test.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cdp-test-" + Guid.NewGuid().ToString("N")[..8]);

    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
