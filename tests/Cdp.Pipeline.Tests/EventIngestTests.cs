using System.IO.Compression;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Lake;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Tests;

public class EventIngestTests
{
    [SampleFact]
    public async Task The_real_sample_goes_into_the_lake_whole_and_exactly()
    {
        using var data = new TemporaryDirectory();
        var source = EventFileReader.ReadFile(SampleData.OctoberHead).Select(l => l.Event!).ToList();

        var result = await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);

        Assert.Equal(17_434, result.Accepted);
        Assert.Equal(0, result.Rejected);
        Assert.Null(result.RejectedFile);
        var lake = await EventLakeReader.ReadAsync(data.Path).ToListAsync();
        Assert.Equal(source, lake);
        Assert.Equal(17_055, lake.Count(e => e.EventType == EventType.View));
        Assert.Equal(165, lake.Count(e => e.EventType == EventType.Cart));
        Assert.Equal(214, lake.Count(e => e.EventType == EventType.Purchase));
        Assert.Equal(4_504, lake.Select(e => e.UserId).Distinct().Count());
    }

    [SampleFact]
    public async Task Another_engine_reads_the_lake_with_partition_discovery()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        var source = EventFileReader.ReadFile(SampleData.OctoberHead).Select(l => l.Event!).ToList();

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*), sum(price), count(DISTINCT user_id), min(event_time), max(event_date), count(brand), count(category_code)
            FROM read_parquet('{LakeLayout.EventsRoot(data.Path)}/*/*.parquet', hive_partitioning = true)
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(17_434L, reader.GetInt64(0));
        Assert.Equal(source.Sum(e => e.Price), reader.GetDecimal(1));
        Assert.Equal(4_504L, reader.GetInt64(2));
        Assert.Equal(new DateTime(2019, 10, 1, 0, 0, 0), reader.GetDateTime(3));
        Assert.Equal(new DateTime(2019, 10, 1), reader.GetDateTime(4));
        Assert.Equal(source.Count(e => e.Brand is not null), reader.GetInt64(5));
        Assert.Equal(source.Count(e => e.CategoryCode is not null), reader.GetInt64(6));
    }

    [SampleFact]
    public async Task Ingesting_the_same_file_again_does_not_duplicate()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        Assert.Equal(17_434, await EventLakeReader.ReadAsync(data.Path).CountAsync());
    }

    [SampleFact]
    public async Task Bad_lines_are_refused_with_line_and_reason_and_nothing_good_is_lost()
    {
        using var data = new TemporaryDirectory();
        var good = File.ReadLines(SampleData.OctoberHead).Skip(1).Take(1000).ToList();
        string[] bad =
        [
            "2019-10-01 00:00:00 UTC,view,1,2,,,1.00,3",
            "2019-10-01 00:00:00 UTC,view,1,2,,,1.00,3,s,extra",
            "2019-10-01T00:00:00Z,view,1,2,,,1.00,3,s",
            "2019-13-01 00:00:00 UTC,view,1,2,,,1.00,3,s",
            "2019-10-01 00:00:00 UTC,click,1,2,,,1.00,3,s",
            "2019-10-01 00:00:00 UTC,view,x1,2,,,1.00,3,s",
            "2019-10-01 00:00:00 UTC,view,1,2,,,abc,3,s",
            "2019-10-01 00:00:00 UTC,view,1,2,,,-5.00,3,s",
            "2019-10-01 00:00:00 UTC,view,1,2,,,1.00,u3,s",
        ];
        var lines = new List<string> { EventCsvFormat.Header };
        for (var i = 0; i < good.Count; i++)
        {
            lines.Add(good[i]);
            if (i % 100 == 50)
            {
                lines.Add(bad[(i / 100) % bad.Length]);
            }
        }

        var path = Path.Combine(data.Path, "salted.csv");
        await File.WriteAllLinesAsync(path, lines);

        var result = await EmbeddedIngest.RunAsync(path, data.Path);

        Assert.Equal(1000, result.Accepted);
        Assert.Equal(10, result.Rejected);
        Assert.Equal(1000, await EventLakeReader.ReadAsync(data.Path).CountAsync());
        var rejected = await File.ReadAllLinesAsync(result.RejectedFile!);
        Assert.Equal("line,reason,text", rejected[0]);
        Assert.Equal(
            """
            53,"expected 9 fields, found 8","2019-10-01 00:00:00 UTC,view,1,2,,,1.00,3"
            """,
            rejected[1]);
        Assert.Contains(rejected, l => l.Contains("\"event_type `click` is not view, cart, remove_from_cart or purchase\"", StringComparison.Ordinal));
        Assert.Contains(rejected, l => l.Contains("\"price -5.00 is negative\"", StringComparison.Ordinal));
        Assert.Contains(rejected, l => l.Contains("\"event_time `2019-10-01T00:00:00Z` is not like 2019-10-01 00:00:00 UTC\"", StringComparison.Ordinal));
    }

    [SampleFact]
    public async Task A_gzip_file_reads_like_the_plain_one()
    {
        using var data = new TemporaryDirectory();
        var path = Path.Combine(data.Path, "events.csv.gz");
        await using (var output = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        await using (var input = File.OpenRead(SampleData.OctoberHead))
        {
            await input.CopyToAsync(output);
        }

        var result = await EmbeddedIngest.RunAsync(path, data.Path);
        Assert.Equal(17_434, result.Accepted);
    }

    [Fact]
    public void A_wrong_header_stops_the_read_with_where_and_what()
    {
        var error = Assert.Throws<InvalidDataException>(() => EventFileReader.Read(new StringReader("time,type\n1,2\n"), "x.csv").ToList());
        Assert.Equal($"x.csv:1: the header must be {EventCsvFormat.Header}", error.Message);
    }

    [Fact]
    public void A_written_event_parses_back_the_same()
    {
        var e = new CommerceEvent(new DateTime(2019, 10, 1, 8, 30, 5, DateTimeKind.Utc), EventType.RemoveFromCart, 1, 2053013552326770905, null, "o'neill", 0.5m, 7, "s-1");
        var writer = new StringWriter();
        EventCsvFormat.Write(writer, e);
        Assert.Equal("2019-10-01 08:30:05 UTC,remove_from_cart,1,2053013552326770905,,o'neill,0.50,7,s-1\n", writer.ToString());
        Assert.True(EventCsvFormat.TryParse(writer.ToString().TrimEnd('\n'), out var back, out _));
        Assert.Equal(e with { Price = 0.50m }, back);
    }
}
