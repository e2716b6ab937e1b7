using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

public class ProfileCsvReaderTests
{
    private static List<ProfileRow> Read(string text) => ProfileCsvReader.Read(new StringReader(text), ShopCatalog.Instance).ToList();

    private static ProfileFileException Fails(string text) => Assert.Throws<ProfileFileException>(() => Read(text));

    [Fact]
    public void Cells_are_typed_by_the_catalog_and_empty_is_null()
    {
        var rows = Read("""
            user_id,sessions_7d,spend_30d,cart_rate,is_buyer,top_brand_30d,viewed_categories_30d,last_seen_at
            1,4,100.50,0.25,true,"o'neill, inc",a.b|c.d,2019-10-01T08:30:00Z
            2,,,,false,,,
            """);

        Assert.Equal(2, rows.Count);
        var first = rows[0].Metrics;
        Assert.Equal(4L, first["sessions_7d"]);
        Assert.Equal(100.50m, first["spend_30d"]);
        Assert.Equal(0.25, first["cart_rate"]);
        Assert.Equal(true, first["is_buyer"]);
        Assert.Equal("o'neill, inc", first["top_brand_30d"]);
        Assert.Equal(["a.b", "c.d"], (string[])first["viewed_categories_30d"]!);
        Assert.Equal(new DateTime(2019, 10, 1, 8, 30, 0, DateTimeKind.Utc), first["last_seen_at"]);
        Assert.All(rows[1].Metrics.Where(kv => kv.Key != "is_buyer"), kv => Assert.Null(kv.Value));
    }

    [Fact]
    public void Quoted_fields_may_hold_quotes_and_line_breaks()
    {
        var rows = Read("user_id,top_brand_30d\n1,\"say \"\"hi\"\"\nthere\"\n2,x\n");
        Assert.Equal("say \"hi\"\nthere", rows[0].Metrics["top_brand_30d"]);
        Assert.Equal(2L, rows[1].UserId);
    }

    [Theory]
    [InlineData("", "1:1: the file is empty: it needs a header that starts with user_id")]
    [InlineData("id,sessions_7d\n", "1:1: the first column must be user_id, not `id`")]
    [InlineData("user_id,sesions_7d\n", "1:9: `sesions_7d` is not a metric of the catalog; did you mean `sessions_7d`?")]
    [InlineData("user_id,sessions_7d,SESSIONS_7D\n", "1:21: column `sessions_7d` appears twice")]
    [InlineData("user_id,sessions_7d\n1,4\n2,four\n", "3:3: sessions_7d: `four` is not a whole number")]
    [InlineData("user_id,sessions_7d\n1,4,5\n", "2:5: the row has 3 fields but the header has 2")]
    [InlineData("user_id,sessions_7d\n1\n", "2:1: the row has 1 fields but the header has 2")]
    [InlineData("user_id,sessions_7d\nx1,4\n", "2:1: user_id `x1` is not a whole number")]
    [InlineData("user_id,sessions_7d\n1,4\n1,5\n", "3:1: user_id 1 appears twice")]
    [InlineData("user_id,spend_30d\n1,12,50\n", "2:6: the row has 3 fields but the header has 2")]
    [InlineData("user_id,spend_30d\n1,1e3\n", "2:3: spend_30d: `1e3` is not an amount such as 12.50")]
    [InlineData("user_id,last_seen_at\n1,2019-10-01 08:30:00\n", "2:3: last_seen_at: `2019-10-01 08:30:00` is not a UTC timestamp such as 2019-10-01T08:30:00Z")]
    [InlineData("user_id,is_buyer\n1,yes\n", "2:3: is_buyer: `yes` is not true or false")]
    [InlineData("user_id,top_brand_30d\n1,\"open\n", "2:3: a quoted field is never closed")]
    [InlineData("user_id,top_brand_30d\n1,\"a\"b\n", "2:6: unexpected text after a closing quote")]
    public void A_malformed_file_names_the_line_and_column(string text, string expected) =>
        Assert.Equal(expected, Fails(text).Message);

    [Fact]
    public void Values_written_by_the_format_read_back_the_same()
    {
        object?[] values = [12L, 3.25m, 0.1 + 0.2, true, "t", new DateOnly(2019, 10, 1), new DateTime(2019, 10, 1, 1, 2, 3, DateTimeKind.Utc), TimeSpan.FromHours(12)];
        MetricType[] types = [MetricType.Int, MetricType.Money, MetricType.Number, MetricType.Bool, MetricType.Text, MetricType.Date, MetricType.Timestamp, MetricType.Duration];
        foreach (var (value, type) in values.Zip(types))
        {
            Assert.True(ProfileValueFormat.TryParse(type, ProfileValueFormat.Format(value), out var back, out _));
            Assert.Equal(value, back);
        }
    }
}
