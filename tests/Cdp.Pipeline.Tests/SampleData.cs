using Cdp.Rules.Tests.Support;

namespace Cdp.Pipeline.Tests;

/// <summary>The real REES46 rows in ../shared/data (beside the repository, in CI too; never copied into it).</summary>
internal static class SampleData
{
    public static string OctoberHead
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "2019-Oct_head_17434.csv"));
            return File.Exists(path) ? path : throw new FileNotFoundException("the shared sample data is missing; it lives beside the repository in ../shared/data", path);
        }
    }
}

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cdp-test-" + Guid.NewGuid().ToString("N")[..8]);

    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
