using System.Text;
using Cdp.Pipeline.Events;

namespace Cdp.Pipeline.Tests;

/// <summary>The collector's batch, read once by <see cref="EventJson.ReadBatch"/>: each element where it stands.</summary>
public sealed class EventBatchTests
{
    private const string Good = """{"event_time":"2019-10-01 00:00:05 UTC","event_type":"view","product_id":1,"category_id":2,"category_code":"electronics.smartphone","brand":"apple","price":9.99,"user_id":7,"user_session":"s"}""";
    private const string Other = """{"event_time":"2019-10-02 10:00:00 UTC","event_type":"purchase","product_id":3,"category_id":4,"category_code":null,"brand":null,"price":0,"user_id":8,"user_session":null}""";

    private static EventBatchRead Read(string json, int max = 100) => EventJson.ReadBatch(Encoding.UTF8.GetBytes(json), max);

    [Fact]
    public void Each_element_is_the_event_that_single_message_parsing_gives()
    {
        var batch = Read($"[{Good},{Other}]");

        Assert.Null(batch.BatchProblem);
        Assert.Empty(batch.Refused);
        Assert.True(EventJson.TryParse(Good, out var first, out _));
        Assert.True(EventJson.TryParse(Other, out var second, out _));
        Assert.Equal([first!, second!], batch.Events);
    }

    [Fact]
    public void The_events_property_of_an_object_is_the_batch_and_other_properties_are_skipped()
    {
        var batch = Read($$"""{"source":{"x":[1,2]},"events":[{{Good}}],"sent":"now"}""");

        Assert.Null(batch.BatchProblem);
        Assert.Single(batch.Events);
    }

    [Fact]
    public void A_bad_element_is_refused_with_its_index_and_the_others_go_on()
    {
        var batch = Read($$"""[{{Good}}, 5, [1, {"a": 2}], {"event_type": "view"}, {{Good.Replace("9.99", "1.999", StringComparison.Ordinal)}}, {{Other}}]""");

        Assert.Null(batch.BatchProblem);
        Assert.Equal(2, batch.Events.Count);
        Assert.Equal([1, 2, 3, 4], batch.Refused.Select(r => r.Index));
        Assert.Equal("an event must be a JSON object", batch.Refused[0].Reason);
        Assert.Equal("an event must be a JSON object", batch.Refused[1].Reason);
        Assert.Equal("event_time is missing", batch.Refused[2].Reason);
        Assert.Contains("2 decimals", batch.Refused[3].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"events\": 3}", "send a JSON array of events")]
    [InlineData("{\"other\": []}", "send a JSON array of events")]
    [InlineData("\"events\"", "send a JSON array of events")]
    [InlineData("[{\"a\":1}] [", "the body is not JSON")]
    [InlineData("[{\"a\":", "the body is not JSON")]
    [InlineData("{\"events\": []} x", "the body is not JSON")]
    public void A_body_that_is_no_batch_is_one_problem(string json, string problem)
    {
        var batch = Read(json);

        Assert.StartsWith(problem, batch.BatchProblem, StringComparison.Ordinal);
        Assert.Empty(batch.Events);
        Assert.False(batch.TooMany);
    }

    [Fact]
    public void More_events_than_the_limit_refuse_the_batch_as_too_many()
    {
        Assert.Null(Read($"[{Good},{Good}]", max: 2).BatchProblem);

        var batch = Read($"[{Good},{Good},{Good}]", max: 2);

        Assert.True(batch.TooMany);
        Assert.Equal("a batch holds at most 2 events", batch.BatchProblem);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_refuses_the_body_and_does_not_throw()
    {
        var bytes = Encoding.UTF8.GetBytes($"[{Good}]");
        var at = Array.IndexOf(bytes, (byte)'s', Encoding.UTF8.GetBytes($"[{Good}]").Length - 10);
        bytes[at] = 0xC3; // a lead byte with no continuation, inside "s"

        var batch = EventJson.ReadBatch(bytes, 10);

        Assert.StartsWith("the body is not JSON", batch.BatchProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_pool_shares_repeated_texts_and_stops_growing_at_its_capacity()
    {
        var pool = new TextPool(capacity: 2);
        var a = pool.Share("apple".AsSpan());
        Assert.Same(a, pool.Share("apple".AsSpan()));
        pool.Share("samsung".AsSpan());
        var third = pool.Share("xiaomi".AsSpan());

        Assert.Equal(2, pool.Count);
        Assert.Equal("xiaomi", third);
        Assert.NotSame(third, pool.Share("xiaomi".AsSpan()));
    }

    [Fact]
    public void Events_read_from_one_file_share_their_brand_strings()
    {
        var text = EventCsvFormat.Header + "\n" + string.Join('\n', Enumerable.Range(0, 3).Select(i => $"2019-10-01 00:00:0{i} UTC,view,1,2,electronics,apple,1.00,{i},s"));
        var events = EventFileReader.Read(new StringReader(text), "t.csv").Select(l => l.Event!).ToList();

        Assert.Same(events[0].Brand, events[2].Brand);
        Assert.Same(events[0].CategoryCode, events[1].CategoryCode);
    }
}
