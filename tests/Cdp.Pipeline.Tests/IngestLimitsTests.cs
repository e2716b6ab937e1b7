using System.IO.Compression;
using System.Text;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Lake;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// The ingest's single gate: every event is checked against what the lake and the ETL can hold, a bad one is
/// refused with its reason and every good one goes on; memory and disk stay bounded whatever the input; the
/// same events never land twice however the file is named; half a file is never visible.
/// </summary>
public class IngestLimitsTests
{
    private const string Good = "2019-10-01 00:00:00 UTC,view,1,2,electronics.smartphone,apple,10.50,7,s1";

    private static string Line(string price = "10.50", string time = "2019-10-01 00:00:00 UTC", string brand = "apple") =>
        $"{time},view,1,2,electronics.smartphone,{brand},{price},7,s1";

    [Theory]
    [InlineData("10000000000000000", "more than the lake holds")]
    [InlineData("99999999999999999.5", "more than the lake holds")]
    [InlineData("1.999", "more than 2 decimals")]
    [InlineData("0.001", "more than 2 decimals")]
    [InlineData("-0.01", "negative")]
    public void A_price_the_lake_cannot_hold_exactly_is_refused_with_its_reason(string price, string reason)
    {
        Assert.False(EventCsvFormat.TryParse(Line(price), out _, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999999999999999.99")]
    [InlineData("1.50")]
    [InlineData("1.500")]
    [InlineData("0")]
    public void A_price_the_lake_holds_is_kept_exactly(string price)
    {
        Assert.True(EventCsvFormat.TryParse(Line(price), out var e, out var why), why);
        Assert.Equal(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), e!.Price);
    }

    [Theory]
    [InlineData("9999-12-31 23:59:59 UTC", "in the future")]
    [InlineData("1999-12-31 23:59:59 UTC", "before 2000-01-01")]
    public void An_event_time_outside_the_horizon_is_refused(string time, string reason)
    {
        Assert.False(EventCsvFormat.TryParse(Line(time: time), out _, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
        Assert.False(EventJson.TryParse(Encoding.UTF8.GetBytes($$"""{"event_time":"{{time}}","event_type":"view","product_id":1,"category_id":2,"category_code":null,"brand":null,"price":1,"user_id":7,"user_session":null}"""), out _, out var json));
        Assert.Contains(reason, json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_field_longer_than_the_limit_is_refused()
    {
        Assert.False(EventCsvFormat.TryParse(Line(brand: new string('b', EventLimits.MaxTextLength + 1)), out _, out var why));
        Assert.Contains("brand has 513 characters", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_accepted_event_is_written_and_every_bad_one_refused_in_one_file()
    {
        using var data = new TemporaryDirectory();
        var input = Path.Combine(data.Path, "mixed.csv");
        await File.WriteAllLinesAsync(input, [EventCsvFormat.Header, Good, Line(price: "1e16"), Line(price: "10000000000000000"), Line(time: "9999-12-31 00:00:00 UTC"), Line(price: "3.00")]);
        var result = await EmbeddedIngest.RunAsync(input, Path.Combine(data.Path, "lake"));
        Assert.Equal((2, 3), (result.Accepted, result.Rejected));
        Assert.Equal([10.50m, 3.00m], (await EventLakeReader.ReadAsync(Path.Combine(data.Path, "lake")).ToListAsync()).Select(e => e.Price).Order().Reverse());
    }

    [Fact]
    public async Task One_huge_line_is_one_refused_line_and_memory_stays_bounded()
    {
        using var data = new TemporaryDirectory();
        var input = Path.Combine(data.Path, "huge.csv.gz");
        await using (var gzip = new GZipStream(File.Create(input), CompressionLevel.SmallestSize))
        await using (var writer = new StreamWriter(gzip))
        {
            await writer.WriteLineAsync(EventCsvFormat.Header);
            await writer.WriteLineAsync(Good);
            var chunk = new string('x', 1 << 20);
            for (var i = 0; i < 300; i++)
            {
                await writer.WriteAsync(chunk); // one line of 300 million characters (600 MB as a .NET string)
            }

            await writer.WriteLineAsync();
            await writer.WriteLineAsync(Line(price: "2.00"));
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var lines = EventFileReader.ReadFile(input).ToList();
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 100L << 20, "reading allocated as much as the line is long");
        Assert.Equal(3, lines.Count);
        Assert.Contains("the line has 314,572,800 characters", lines[1].Reason, StringComparison.Ordinal);
        Assert.Equal(200, lines[1].Text.Length);
        Assert.NotNull(lines[2].Event);
    }

    [Fact]
    public async Task A_file_of_junk_writes_a_bounded_rejected_file_and_counts_the_rest()
    {
        using var data = new TemporaryDirectory();
        var input = Path.Combine(data.Path, "junk.csv");
        await using (var writer = new StreamWriter(input))
        {
            await writer.WriteLineAsync(EventCsvFormat.Header);
            var junk = new string('j', 5_000);
            for (var i = 0; i < 30_000; i++)
            {
                await writer.WriteLineAsync(junk);
            }
        }

        var result = await EmbeddedIngest.RunAsync(input, Path.Combine(data.Path, "lake"));
        Assert.Equal(30_000, result.Rejected);
        var rejected = await File.ReadAllLinesAsync(result.RejectedFile!);
        Assert.Equal(1 + EmbeddedIngest.MaxRejectedLines + 1, rejected.Length);
        Assert.Contains("20000 more refused lines are not written here", rejected[^1], StringComparison.Ordinal);
        Assert.True(new FileInfo(result.RejectedFile!).Length < 12L << 20, $"{new FileInfo(result.RejectedFile!).Length} bytes");
    }

    [Fact]
    public async Task The_same_events_from_a_renamed_copy_do_not_land_twice()
    {
        using var data = new TemporaryDirectory();
        var input = Path.Combine(data.Path, "events.csv");
        await using (var writer = new StreamWriter(input))
        {
            new EventGenerator(new GeneratorOptions(5_000, 300, 2, new DateOnly(2019, 10, 1), 3)).Write(writer);
        }

        var lake = Path.Combine(data.Path, "lake");
        await EmbeddedIngest.RunAsync(input, lake);
        var copy = Path.Combine(data.Path, "elsewhere", "renamed-copy.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(input, copy);
        await EmbeddedIngest.RunAsync(copy, lake);

        var source = EventFileReader.ReadFile(input).Select(l => l.Event!.ToString()).Order(StringComparer.Ordinal);
        var landed = (await EventLakeReader.ReadAsync(lake).ToListAsync()).Select(e => e.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(source, landed);
    }

    [Fact]
    public async Task What_a_stopped_ingest_left_half_written_is_never_read_and_a_complete_one_is_finished()
    {
        using var data = new TemporaryDirectory();
        var input = Path.Combine(data.Path, "events.csv");
        await File.WriteAllLinesAsync(input, [EventCsvFormat.Header, Good]);
        var lake = Path.Combine(data.Path, "lake");

        // A process that stopped before its commit: staged files, no mark.
        var half = LakeStaging.Folder(lake, "file-half");
        Directory.CreateDirectory(Path.Combine(half, "event_date=2019-10-02"));
        await File.WriteAllTextAsync(Path.Combine(half, "event_date=2019-10-02", "part-file-half-00000.parquet"), "not even parquet");
        Assert.Empty(EventLakeReader.Dates(lake)); // the ETL's view of the lake: nothing of it

        await EmbeddedIngest.RunAsync(input, lake);
        Assert.False(Directory.Exists(half));
        Assert.Equal([new DateOnly(2019, 10, 1)], EventLakeReader.Dates(lake));
        Assert.Single(await EventLakeReader.ReadAsync(lake).ToListAsync());
    }

    [Fact]
    public void A_live_ingest_is_not_taken_for_a_leftover()
    {
        using var data = new TemporaryDirectory();
        using (LakeStaging.Begin(data.Path, "file-live"))
        {
            Assert.Empty(LakeStaging.Recover(data.Path));
            Assert.True(Directory.Exists(LakeStaging.Folder(data.Path, "file-live")));
            Assert.Throws<InvalidOperationException>(() => LakeStaging.Begin(data.Path, "file-live"));
        }

        LakeStaging.Recover(data.Path);
        Assert.False(Directory.Exists(LakeStaging.Folder(data.Path, "file-live")));
    }

    [Fact]
    public void A_message_with_bytes_that_are_no_utf8_is_refused_not_thrown()
    {
        // Found by the fuzz harness: the JSON reader threw InvalidOperationException, which would stop the Kafka worker.
        var message = Encoding.UTF8.GetBytes("""{"event_time":"2019-10-01 00:00:00 UTC","event_type":"view","product_id":1,"category_id":2,"category_code":null,"brand":"XX","price":1,"user_id":7,"user_session":null}""");
        var at = Array.IndexOf(message, (byte)'X');
        message[at] = 0xC3;
        message[at + 1] = 0x28; // a lead byte without its continuation
        Assert.False(EventJson.TryParse(message, out _, out var reason));
        Assert.Contains("not UTF-8", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_with_commas_and_quotes_in_its_texts_writes_a_line_that_parses_back()
    {
        // Found by the fuzz harness: the writer did not quote, so the line it wrote had more fields than nine.
        Assert.True(EventCsvFormat.TryParse("2019-10-01 00:00:05 UTC,cart,1,2,\"quoted, code\",\"o\"\"neill\",0.00,7,", out var e, out _));
        var written = new StringWriter();
        EventCsvFormat.Write(written, e!);
        Assert.True(EventCsvFormat.TryParse(written.ToString().TrimEnd('\n'), out var back, out var reason), reason);
        Assert.Equal(e, back);
        Assert.Equal(("quoted, code", "o\"neill"), (back!.CategoryCode, back.Brand));
    }
}
