using Cdp.Pipeline.Activation;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Tests.Activation;

public sealed class FileSenderTests
{
    [Fact]
    public async Task An_evaluation_becomes_one_csv_and_one_parquet_file_with_the_same_rows_and_no_temporary_left()
    {
        using var folder = new TemporaryDirectory();
        var destination = new Destination("lake", DestinationKind.Files, folder.Path, null, [], 3, 500, "test", DateTime.UtcNow);
        var day = new DateOnly(2019, 10, 31);
        var changes = new[]
        {
            new MembershipChange("big_spenders", 2, day, 7, MembershipChange.Entered, true, "h", "k1"),
            new MembershipChange("big_spenders", 2, day, 9, MembershipChange.Exited, false, "h", "k2"),
        };
        using var sender = new FileSender(destination, HostPolicy.LoopbackOnly);

        var outcome = await sender.SendAsync(new DeliveryAttempt(new DeliveryBatch("lake", 42, "big_spenders", day, 2, BatchStatus.Pending, 1, DateTime.UtcNow, null, null, null, null), changes, false, new Dictionary<int, long>()), CancellationToken.None);

        Assert.True(outcome.Delivered, outcome.Error);
        var stem = Path.Combine(folder.Path, "big_spenders", "as_of=2019-10-31", "changes-0000000042");
        Assert.Equal(
            ["segment,version,as_of,user_id,change,initial,key,rule_hash", "big_spenders,2,2019-10-31,7,entered,true,k1,h", "big_spenders,2,2019-10-31,9,exited,false,k2,h"],
            File.ReadAllLines(stem + ".csv"));
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"SELECT string_agg(concat_ws('|', segment, version, as_of, user_id, change, initial, key, rule_hash), ';' ORDER BY user_id) FROM read_parquet('{stem}.parquet')";
        Assert.Equal("big_spenders|2|2019-10-31|7|entered|true|k1|h;big_spenders|2|2019-10-31|9|exited|false|k2|h", command.ExecuteScalar());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_webhdfs_folder_gets_the_same_two_files_through_webhdfs()
    {
        var hdfs = new FakeWebHdfs();
        var destination = new Destination("hdfs", DestinationKind.Files, "http://namenode:9870/cdp/activation", null, [], 3, 500, "test", DateTime.UtcNow);
        Assert.Null(DestinationCheck.Check(new DestinationRequest("hdfs", "files", Path: destination.Target), "test", new HostPolicy(["namenode"])).Problem);
        var change = new MembershipChange("big_spenders", 1, new DateOnly(2019, 10, 31), 7, MembershipChange.Entered, true, "h", "k1");
        using var sender = new FileSender(destination, HostPolicy.LoopbackOnly, hdfs);

        var outcome = await sender.SendAsync(new DeliveryAttempt(new DeliveryBatch("hdfs", 3, "big_spenders", change.AsOf, 1, BatchStatus.Pending, 1, DateTime.UtcNow, null, null, null, null), [change], false, new Dictionary<int, long>()), CancellationToken.None);

        Assert.True(outcome.Delivered, outcome.Error);
        Assert.Equal(["/cdp/activation/big_spenders/as_of=2019-10-31/changes-0000000003.csv", "/cdp/activation/big_spenders/as_of=2019-10-31/changes-0000000003.parquet"], hdfs.Files.Keys.Order());
        Assert.Equal("segment,version,as_of,user_id,change,initial,key,rule_hash\nbig_spenders,1,2019-10-31,7,entered,true,k1,h\n",
            System.Text.Encoding.UTF8.GetString(hdfs.Files["/cdp/activation/big_spenders/as_of=2019-10-31/changes-0000000003.csv"]).ReplaceLineEndings("\n"));
    }
}
