using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Lake;

namespace Cdp.Pipeline.Tests;

/// <summary>The lake published to HDFS through WebHDFS: the same layout and bytes as the local lake, atomically, idempotently.</summary>
public sealed class HdfsLakeTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cdp-hdfs-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [SampleFact]
    public async Task Every_lake_file_reaches_hdfs_under_the_same_path_with_the_same_bytes()
    {
        var hdfs = new FakeWebHdfs();
        using var replica = new WebHdfsReplica(new Uri("http://namenode:9870/cdp/lake"), "cdp", hdfs);
        var result = await EmbeddedIngest.RunAsync(SampleData.OctoberHead, _data, replica: replica);
        Assert.Equal(17_434, result.Accepted + result.Rejected);

        var local = Directory.GetFiles(LakeLayout.EventsRoot(_data), "*.parquet", SearchOption.AllDirectories)
            .ToDictionary(f => "/cdp/lake/" + Path.GetRelativePath(_data, f).Replace('\\', '/'), File.ReadAllBytes);
        Assert.NotEmpty(local);
        Assert.Equal(local.Keys.Order(), hdfs.Files.Keys.Order());
        Assert.All(local, file => Assert.Equal(file.Value, hdfs.Files[file.Key]));
        Assert.DoesNotContain(hdfs.Files.Keys, k => k.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal(EventLakeReader.Dates(_data).Select(d => $"event_date={d:yyyy-MM-dd}"), await replica.ListAsync("events"));

        // The same source again replaces its files (WebHDFS will not rename onto a file: the old one goes first).
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, _data, replica: replica);
        Assert.Equal(local.Keys.Order(), hdfs.Files.Keys.Order());
    }

    [SampleFact]
    public async Task A_failing_datanode_stops_the_ingest_with_the_reason()
    {
        var hdfs = new FakeWebHdfs { DatanodeFailure = System.Net.HttpStatusCode.InternalServerError };
        using var replica = new WebHdfsReplica(new Uri("http://namenode:9870/cdp/lake"), "cdp", hdfs);
        var error = await Assert.ThrowsAsync<IOException>(() => EmbeddedIngest.RunAsync(SampleData.OctoberHead, _data, replica: replica));
        Assert.Contains("on the datanode: 500", error.Message, StringComparison.Ordinal);
        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
        Assert.Empty(hdfs.Files);
    }
}
