namespace Cdp.Testing;

/// <summary>
/// The real REES46 rows the tests read from <c>../shared/data</c>, beside the repository (in CI too; their
/// licence keeps them out of it). Where the file is absent, the tests that need it are reported as skipped,
/// saying why and where to get it, and everything else still runs.
/// </summary>
public static class SharedSample
{
    public const string FileName = "2019-Oct_head_17434.csv";

    public static string Path => System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryPaths.Root, "..", "shared", "data", FileName));

    public static bool IsPresent => File.Exists(Path);

    public static string SkipReason =>
        $"needs the shared sample {Path}: the first 17,434 rows (header included) of the REES46 data set's 2019-Oct.csv " +
        "(\"eCommerce behavior data from multi category store\"), saved beside the repository as ../shared/data/" + FileName;
}

/// <summary>A fact that needs the shared sample: skipped, with the reason, where it is absent.</summary>
public sealed class SampleFactAttribute : FactAttribute
{
    public SampleFactAttribute()
    {
        if (!SharedSample.IsPresent)
        {
            Skip = SharedSample.SkipReason;
        }
    }
}

/// <summary>A theory that needs the shared sample: skipped, with the reason, where it is absent.</summary>
public sealed class SampleTheoryAttribute : TheoryAttribute
{
    public SampleTheoryAttribute()
    {
        if (!SharedSample.IsPresent)
        {
            Skip = SharedSample.SkipReason;
        }
    }
}
