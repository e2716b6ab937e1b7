
namespace Cdp.Pipeline.Tests;

/// <summary>The real REES46 rows in ../shared/data (beside the repository, in CI too; never copied into it); tests that read them are [SampleFact]s.</summary>
internal static class SampleData
{
    public static string OctoberHead => SharedSample.IsPresent ? SharedSample.Path : throw new FileNotFoundException(SharedSample.SkipReason, SharedSample.Path);
}
