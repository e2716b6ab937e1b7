using System.Net;
using Cdp.Pipeline.Activation;

namespace Cdp.Pipeline.Tests.Activation;

public sealed class DestinationCheckTests
{
    private static string? Problem(DestinationRequest request, HostPolicy? hosts = null) => DestinationCheck.Check(request, "ana", hosts ?? HostPolicy.LoopbackOnly).Problem;

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://[::1]:9443/hook")]
    public void A_loopback_webhook_is_accepted(string url) => Assert.Null(Problem(new("crm", "webhook", url, "S")));

    [Theory]
    [InlineData("http://10.0.0.5/hook", "10.0.0.5 is not loopback and not an allowed host")]
    [InlineData("http://169.254.169.254/latest/meta-data", "169.254.169.254 is not loopback")]
    [InlineData("https://crm.example.com/hook", "crm.example.com is not loopback and not an allowed host")]
    [InlineData("ftp://127.0.0.1/hook", "must be an absolute http or https URL")]
    [InlineData("/hook", "must be an absolute http or https URL")]
    [InlineData("http://user:pw@127.0.0.1/hook", "may not carry a user name")]
    public void Other_hosts_are_refused_unless_allowed(string url, string problem) => Assert.Contains(problem, Problem(new("crm", "webhook", url, "S")), StringComparison.Ordinal);

    [Fact]
    public void An_allowed_host_must_be_https()
    {
        var hosts = new HostPolicy(["crm.example.com"]);
        Assert.Null(Problem(new("crm", "webhook", "https://crm.example.com/hook", "S"), hosts));
        Assert.Contains("must be https", Problem(new("crm", "webhook", "http://crm.example.com/hook", "S"), hosts), StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_goes_only_to_loopback_unless_the_host_was_allowed_by_name()
    {
        var hosts = new HostPolicy(["crm.example.com"]);
        Assert.True(hosts.MayConnect("localhost", IPAddress.Loopback));
        Assert.False(hosts.MayConnect("rebound.example.org", IPAddress.Parse("10.0.0.5"))); // a name that resolves into the network
        Assert.True(hosts.MayConnect("crm.example.com", IPAddress.Parse("203.0.113.7")));
    }

    [Theory]
    [InlineData("""{"kind":"webhook","url":"http://127.0.0.1/h"}""", "needs a `secret`")]
    [InlineData("""{"kind":"carrier pigeon"}""", "`kind` must be webhook, kafka or files")]
    [InlineData("""{"kind":"1"}""", "`kind` must be webhook, kafka or files")]
    [InlineData("""{"kind":"kafka","topic":"a b"}""", "`topic` must be")]
    [InlineData("""{"kind":"files"}""", "needs a `path`")]
    [InlineData("""{"kind":"files","path":"relative/folder"}""", "`path` must be an absolute folder path")]
    [InlineData("""{"kind":"files","path":"http://10.1.1.1:9870/x"}""", "10.1.1.1 is not loopback and not an allowed host")]
    [InlineData("""{"kind":"kafka","maxAttempts":0}""", "`maxAttempts` must be between 1 and 100")]
    [InlineData("""{"kind":"kafka","batchSize":1001}""", "`batchSize` must be between 1 and 1000")]
    public void Each_mistake_names_its_field(string json, string problem)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<DestinationRequest>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))! with { Name = "crm" };
        Assert.Contains(problem, Problem(request), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kafka_destination_defaults_its_topic_and_the_defaults_are_stated()
    {
        var (destination, problem) = DestinationCheck.Check(new("stream", "kafka"), "ana", HostPolicy.LoopbackOnly);
        Assert.Null(problem);
        Assert.Equal(("segment-membership", Destination.DefaultMaxAttempts, Destination.DefaultBatchSize, null), (destination!.Target, destination.MaxAttempts, destination.BatchSize, destination.Secret));
        Assert.Equal("a destination name is letters, digits, '_', '-' and '.', beginning with a letter or a digit", Problem(new("no good name!", "kafka")));
        Assert.Equal("`segments`: `` is not a segment name", Problem(new("crm", "kafka", Segments: [""])));
    }
}
