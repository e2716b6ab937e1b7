using static Cdp.Host.Tests.CommandLineRunner;

namespace Cdp.Host.Tests;

/// <summary>
/// <c>catalog add|list</c>: a computed metric defined on the command line, refused with its reason when it will not
/// do, listed with the catalog, named by a segment, and computed by the next <c>etl</c> as the reference computes it
/// from the events.
/// </summary>
public sealed class CatalogCommandTests : IDisposable
{
    private const string Expression = "count(views WHERE category_code STARTS WITH 'electronics' IN LAST 7d)";
    private readonly string _work = Path.Combine(Path.GetTempPath(), "cdp-catalog-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public void A_computed_metric_is_added_listed_named_by_a_segment_and_computed_by_the_next_etl()
    {
        var events = Path.Combine(_work, "events.csv");
        var data = Path.Combine(_work, "data");
        var profiles = Path.Combine(_work, "profiles.csv");
        Assert.Equal(0, Run("generate", "--events", "20000", "--users", "800", "--days", "10", "--start", "2019-11-01", "--seed", "9", "--out", events).ExitCode);
        Assert.Equal(0, Run("ingest", "--input", events, "--data", data).ExitCode);

        var mistaken = Run("catalog", "add", "--data", data, "--name", "electronics_views_7d", "--expr", "count(view)");
        Assert.Equal((1, "1:7: unknown event kind `view`; did you mean `views`?\n"), (mistaken.ExitCode, mistaken.Stdout));
        var badName = Run("catalog", "add", "--data", data, "--name", "spend_30d", "--expr", Expression);
        Assert.Equal((2, "cdp: `spend_30d` is a metric of the catalog already\n"), (badName.ExitCode, badName.Stderr));
        var added = Run("catalog", "add", "--data", data, "--name", "electronics_views_7d", "--expr", Expression, "--description", "Electronics views this week");
        Assert.Equal($"added electronics_views_7d (int): {Expression}; the next etl computes it\n", added.Stdout);

        var listed = Run("catalog", "list", "--data", data).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sessions_7d\tint\tbuilt-in\tDistinct sessions in the last 7 days", listed.Single(l => l.StartsWith("sessions_7d\t", StringComparison.Ordinal)));
        Assert.Equal($"electronics_views_7d\tint\tcomputed: {Expression}\tElectronics views this week", listed[^1]);
        Assert.DoesNotContain(Run("catalog", "list").Stdout.Split('\n'), l => l.StartsWith("electronics_views_7d", StringComparison.Ordinal));

        Assert.Equal("saved fans version 1: electronics_views_7d >= 2\n", Run("segments", "add", "--data", data, "--name", "fans", "--rule", "Electronics_Views_7d >= 2").Stdout);
        Assert.Equal(0, Run("etl", "--data", data, "--as-of", "2019-11-10").ExitCode);
        Assert.Equal(0, Run("profiles", "export", "--data", data, "--as-of", "2019-11-10", "--out", profiles).ExitCode);
        var reference = Run("rules", "eval", "--profiles", profiles, "--events", events, "--as-of", "2019-11-10", Expression + " >= 2");

        Assert.NotEqual("", reference.Stdout);
        Assert.Equal(reference.Stdout, Run("segments", "members", "--data", data, "--name", "fans").Stdout);
    }
}
