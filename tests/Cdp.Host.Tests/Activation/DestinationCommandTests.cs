using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store;
using static Cdp.Host.Tests.CommandLineRunner;

namespace Cdp.Host.Tests.Activation;

public sealed class DestinationCommandTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private void Evaluate(DateOnly asOf, params decimal[] spends)
    {
        using var store = EmbeddedStore.Open(_data.Path, ProfileCatalog.Default);
        if (store.Segments.Find("big_spenders") is null)
        {
            store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        }

        store.LoadProfiles(spends.Select((s, i) => new ProfileRow(i + 1, new Dictionary<string, object?> { ["spend_30d"] = s })), asOf);
    }

    [Fact]
    public void A_files_destination_added_on_the_command_line_gets_the_changes_that_deliver_sends()
    {
        var folder = Path.Combine(_data.Path, "out");
        Evaluate(new DateOnly(2019, 10, 30), 150);

        var added = Run("destinations", "add", "--data", _data.Path, "--name", "lake", "--kind", "files", "--path", folder);
        Assert.Equal((0, "added lake: files " + folder + "; changes of the next evaluations go there, the full sync first\n", ""), (added.ExitCode, added.Stdout, added.Stderr));
        Evaluate(new DateOnly(2019, 10, 31), 150, 200);

        Assert.Equal($"lake\tfiles\t{folder}\t*\tdelivered=0\tpending=1\tparked=0\n", Run("destinations", "list", "--data", _data.Path).Stdout);
        Assert.Equal((0, "delivered=1 pending=0 parked=0\n"), Run("destinations", "deliver", "--data", _data.Path) is var d ? (d.ExitCode, d.Stdout) : default);
        var csv = Path.Combine(folder, "big_spenders", "as_of=2019-10-31");
        Assert.Equal(3, File.ReadAllLines(Directory.GetFiles(csv, "*.csv").Single()).Length); // the full sync: both members, entered, initial
        Assert.Matches(@"^\d+\tdelivered\t1\tbig_spenders\t2019-10-31\t2\tbig_spenders/as_of=2019-10-31/changes-\d{10}\.csv, .*\.parquet\n$", Run("destinations", "log", "--data", _data.Path, "--name", "lake").Stdout);
        Assert.Equal("replayed=0\n", Run("destinations", "replay", "--data", _data.Path, "--name", "lake").Stdout);
        Assert.Equal("removed lake with its outbox and delivery log\n", Run("destinations", "remove", "--data", _data.Path, "--name", "lake").Stdout);
    }

    [Fact]
    public void Mistakes_are_usage_errors_that_say_what_is_wrong()
    {
        Evaluate(new DateOnly(2019, 10, 30), 150);
        var inside = Run("destinations", "add", "--data", _data.Path, "--name", "crm", "--kind", "webhook", "--url", "http://192.168.1.1/hook", "--secret", "x");
        Assert.Equal(2, inside.ExitCode);
        Assert.Contains("192.168.1.1 is not loopback and not an allowed host; the operator allows hosts with --allow-destination-host", inside.Stderr, StringComparison.Ordinal);

        var allowed = RunWithInput("s3cret\n", "destinations", "add", "--data", _data.Path, "--name", "crm", "--kind", "webhook", "--url", "https://crm.example.com/hook", "--secret", "-",
            "--allow-destination-host", "crm.example.com", "--segments", "big_spenders", "--max-attempts", "2");
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("exists already", Run("destinations", "add", "--data", _data.Path, "--name", "crm", "--kind", "kafka").Stderr, StringComparison.Ordinal);
        Assert.Contains("--max-attempts takes a whole number, not `many`", Run("destinations", "add", "--data", _data.Path, "--name", "k", "--kind", "kafka", "--max-attempts", "many").Stderr, StringComparison.Ordinal);
        Assert.Contains("no destination `nope`", Run("destinations", "log", "--data", _data.Path, "--name", "nope").Stderr, StringComparison.Ordinal);
        using var store = EmbeddedStore.Open(_data.Path, ProfileCatalog.Default);
        Assert.Equal("s3cret", store.Activation.Find("crm")!.Secret); // from stdin, not the process list
    }
}
