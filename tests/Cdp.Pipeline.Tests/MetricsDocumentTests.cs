using Cdp.Pipeline.Metrics;

namespace Cdp.Pipeline.Tests;

/// <summary>docs/metrics.md is what the catalog says: a changed metric without a rewritten page fails here.</summary>
public class MetricsDocumentTests
{
    [Fact]
    public void The_metrics_page_is_written_from_the_catalog()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "metrics.md");
        var expected = MetricsDocument.Write(ProfileCatalog.Default);
        if (Environment.GetEnvironmentVariable("CDP_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), "docs/metrics.md is missing: run with CDP_WRITE_DOCS=1 to write it");
        Assert.Equal(expected, File.ReadAllText(path));
        foreach (var metric in ProfileCatalog.Default.Declarations)
        {
            Assert.Contains($"| `{metric.Name}` |", expected, StringComparison.Ordinal);
        }
    }
}
