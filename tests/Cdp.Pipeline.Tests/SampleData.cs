
namespace Cdp.Pipeline.Tests;

/// <summary>The real REES46 rows in ../shared/data (beside the repository, in CI too; never copied into it); tests that read them are [SampleFact]s.</summary>
internal static class SampleData
{
    public static string OctoberHead => SharedSample.IsPresent ? SharedSample.Path : throw new FileNotFoundException(SharedSample.SkipReason, SharedSample.Path);
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cdp-test-" + Guid.NewGuid().ToString("N")[..8]);

    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
