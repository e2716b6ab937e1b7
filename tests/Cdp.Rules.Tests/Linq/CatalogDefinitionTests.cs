namespace Cdp.Rules.Tests.Linq;

/// <summary>
/// A catalog refuses what no rule could name (a metric name that is no identifier, a name declared twice), and type
/// names read the way catalog files write them.
/// </summary>
public class CatalogDefinitionTests
{
    [Theory]
    [InlineData("1st_visit")]
    [InlineData("spend-30d")]
    [InlineData("")]
    [InlineData("naïve")]
    public void A_metric_name_that_is_no_identifier_is_refused(string name)
    {
        var refused = Assert.Throws<ArgumentException>(() => new MetricCatalog([new(name, MetricType.Int, "")]));

        Assert.Equal("metrics", refused.ParamName);
        Assert.StartsWith($"Metric name `{name}` is not an identifier ([A-Za-z_][A-Za-z0-9_]*).", refused.Message);
    }

    [Fact]
    public void A_metric_declared_twice_is_refused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new MetricCatalog([new("visits", MetricType.Int, ""), new("visits", MetricType.Money, "")]));

        Assert.Equal("metrics", refused.ParamName);
        Assert.StartsWith("Metric `visits` is declared twice.", refused.Message);
    }

    [Theory]
    [InlineData("bool", MetricType.Bool)]
    [InlineData("INT", MetricType.Int)]
    [InlineData(" money ", MetricType.Money)]
    [InlineData("text list", MetricType.TextList)]
    [InlineData("Text_List", MetricType.TextList)]
    [InlineData("timestamp", MetricType.Timestamp)]
    public void A_type_name_reads_as_catalog_files_write_it(string name, MetricType type)
    {
        Assert.True(MetricTypeNames.TryParse(name, out var read));
        Assert.Equal(type, read);
    }

    [Theory]
    [InlineData("float")]
    [InlineData("textlist")]
    [InlineData("")]
    public void Another_type_name_is_not_read(string name)
    {
        Assert.False(MetricTypeNames.TryParse(name, out var read));
        Assert.Equal(default, read);
    }

    [Fact]
    public void Every_type_has_its_display_name() =>
        Assert.Equal(
            ["bool", "int", "money", "number", "text", "date", "timestamp", "duration", "text list"],
            new[] { MetricType.Bool, MetricType.Int, MetricType.Money, MetricType.Number, MetricType.Text, MetricType.Date, MetricType.Timestamp, MetricType.Duration, MetricType.TextList }
                .Select(t => t.ToDisplayName()));

    [Fact]
    public void An_event_reads_as_its_fields_with_empty_texts_null_and_time_as_utc()
    {
        var time = new DateTime(2019, 10, 1, 8, 0, 0, DateTimeKind.Unspecified);

        var fields = new RuleEvent(time, "view", 7, 9, "", "", 1.5m, "").Fields();
        var full = new RuleEvent(time, "cart", 7, 9, "electronics.phone", "apple", 1.5m, "s1").Fields();

        Assert.Equal(
            ["event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price", "user_session"], fields.Keys);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)fields["event_time"]!).Kind);
        Assert.Equal(time.Ticks, ((DateTime)fields["event_time"]!).Ticks);
        Assert.Equal(["view", 7L, 9L, null, null, 1.5m, null], fields.Values.Skip(1));
        Assert.Equal(["cart", 7L, 9L, "electronics.phone", "apple", 1.5m, "s1"], full.Values.Skip(1));
    }
}
