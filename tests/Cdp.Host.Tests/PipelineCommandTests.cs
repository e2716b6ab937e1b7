using static Cdp.Host.Tests.CommandLineRunner;

namespace Cdp.Host.Tests;

/// <summary>The whole embedded chain on the command line: generate, ingest, etl, export, and a rule over the export.</summary>
public sealed class PipelineCommandTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "cdp-chain-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public void Generate_ingest_etl_export_and_segment()
    {
        var events = Path.Combine(_work, "events.csv.gz");
        var data = Path.Combine(_work, "data");
        var profiles = Path.Combine(_work, "profiles.csv");

        Assert.Equal(0, Run("generate", "--events", "30000", "--users", "2000", "--days", "10", "--start", "2019-11-01", "--seed", "4", "--out", events).ExitCode);
        var ingest = Run("ingest", "--input", events, "--data", data);
        Assert.Equal("accepted=30000 rejected=0\n", ingest.Stdout);
        var etl = Run("etl", "--data", data, "--as-of", "2019-11-10");
        Assert.Equal(0, etl.ExitCode);
        Assert.StartsWith("as_of=2019-11-10 days_built=10 ", etl.Stdout, StringComparison.Ordinal);
        var export = Run("profiles", "export", "--data", data, "--as-of", "2019-11-10", "--out", profiles);
        Assert.StartsWith("exported=", export.Stdout, StringComparison.Ordinal);

        var reference = Run("rules", "eval", "--profiles", profiles, "--as-of", "2019-11-10", "sessions_7d >= 2 AND is_buyer");
        var duckdb = Run("rules", "eval", "--profiles", profiles, "--target", "duckdb", "--as-of", "2019-11-10", "sessions_7d >= 2 AND is_buyer");
        Assert.NotEqual("", reference.Stdout);
        Assert.Equal(reference.Stdout, duckdb.Stdout);

        Assert.Equal(1, Run("segments", "add", "--data", data, "--name", "x", "--rule", "sesions_7d > 1").ExitCode);
        Assert.Equal("saved active buyers version 1: sessions_7d >= 2 AND is_buyer\n",
            Run("segments", "add", "--data", data, "--name", "active buyers", "--rule", "sessions_7d>=2 and is_buyer").Stdout);
        Assert.Equal(0, Run("etl", "--data", data, "--as-of", "2019-11-10").ExitCode);
        Assert.Equal(reference.Stdout, Run("segments", "members", "--data", data, "--name", "active buyers").Stdout);
        var history = Run("segments", "history", "--data", data, "--name", "active buyers").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("as_of,members,entered,exited", history[0]);
        Assert.StartsWith("2019-11-10,", history[1], StringComparison.Ordinal);

        // A backfill: one line a day; the segments evaluated as of each day, the profiles kept as of the last.
        var single = Run("etl", "--data", data, "--as-of", "2019-11-08").Stdout.Trim();
        var eighth = Run("segments", "history", "--data", data, "--name", "active buyers").Stdout.Split('\n')[1];
        var backfill = Run("etl", "--data", data, "--from", "2019-11-08", "--to", "2019-11-10");
        Assert.Equal(0, backfill.ExitCode);
        var lines = backfill.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["as_of=2019-11-08", "as_of=2019-11-09", "as_of=2019-11-10"], lines.Select(l => l.Split(' ')[0]));
        Assert.Equal(single.Split(' ')[3], lines[0].Split(' ')[3]); // the same profiles as of the first day as a run of its own
        history = Run("segments", "history", "--data", data, "--name", "active buyers").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["2019-11-08", "2019-11-09", "2019-11-10"], history.Skip(1).Select(h => h.Split(',')[0]));
        Assert.Equal(eighth.Split(',')[1], history[1].Split(',')[1]); // as many members as the run of its own found
        Assert.Equal(reference.Stdout, Run("segments", "members", "--data", data, "--name", "active buyers").Stdout);
        Assert.Contains($"user {reference.Stdout.Split('\n')[0]} as of 2019-11-10", Run("profiles", "show", "--data", data, "--user", reference.Stdout.Split('\n')[0]).Stdout, StringComparison.Ordinal);

        var user = reference.Stdout.Split('\n')[0];
        var show = Run("profiles", "show", "--data", data, "--user", user);
        Assert.Contains($"user {user} as of 2019-11-10", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("is_buyer", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_commands_say_what_is_missing()
    {
        Assert.StartsWith("cdp: no data folder at /nowhere\n", Run("etl", "--data", "/nowhere", "--as-of", "2019-11-10").Stderr, StringComparison.Ordinal);
        Directory.CreateDirectory(_work);
        Assert.StartsWith("cdp: --as-of takes a date such as 2019-10-31, not `tomorrow`\n", Run("etl", "--data", _work, "--as-of", "tomorrow").Stderr, StringComparison.Ordinal);
        Assert.StartsWith($"cdp: no profiles in {_work} yet: run `cdp etl --data {_work} --as-of DATE`\n", Run("profiles", "show", "--data", _work, "--user", "1").Stderr, StringComparison.Ordinal);
    }
}
