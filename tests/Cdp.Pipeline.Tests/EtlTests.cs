using System.Collections;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>Every metric of every customer from the generated SQL equals the plain computation from metrics.md.</summary>
public class EtlTests
{
    [SampleFact]
    public async Task The_real_sample_gives_the_metrics_of_metrics_md()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        var events = EventFileReader.ReadFile(SampleData.OctoberHead).Select(l => l.Event!).ToList();
        AssertSameProfiles(data.Path, events, new DateOnly(2019, 10, 1));
        AssertSameProfiles(data.Path, events, new DateOnly(2019, 10, 9));
    }

    [Fact]
    public async Task Generated_days_give_the_metrics_of_metrics_md_at_the_window_edges()
    {
        using var data = new TemporaryDirectory();
        var path = Path.Combine(data.Path, "events.csv");
        using (var file = new StreamWriter(path))
        {
            new EventGenerator(new GeneratorOptions(60_000, 1_500, 40, new DateOnly(2019, 10, 1), 9)).Write(file);
        }

        await EmbeddedIngest.RunAsync(path, data.Path);
        var events = EventFileReader.ReadFile(path).Select(l => l.Event!).ToList();

        // Before the data, at a 7-day edge, at a 30-day edge, at the end and after it.
        foreach (var asOf in new[] { new DateOnly(2019, 9, 30), new DateOnly(2019, 10, 7), new DateOnly(2019, 10, 30), new DateOnly(2019, 11, 9), new DateOnly(2019, 11, 20) })
        {
            AssertSameProfiles(data.Path, events, asOf);
        }
    }

    [SampleFact]
    public async Task Exported_profiles_feed_straight_back_into_the_rule_tools()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var etl = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        new DuckDbEtl(etl).Run(new DateOnly(2019, 10, 1));
        var csv = new StringWriter();
        var rows = etl.Export(csv);

        var read = ProfileCsvReader.Read(new StringReader(csv.ToString()), ShopCatalog.Instance).ToList();
        Assert.Equal(4_504, rows);
        Assert.Equal(rows, read.Count);
        var rule = Rule.Parse("sessions_7d >= 2 OR purchases_total > 0", ShopCatalog.Instance).Rule!;
        var clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 1));
        var members = read.Count(p => rule.Evaluate(p.Metrics, clock) == TruthValue.True);
        Assert.InRange(members, 1, 4_503);
    }

    [SampleFact]
    public async Task Running_again_rebuilds_only_changed_days()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var etl = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        var first = new DuckDbEtl(etl).Run(new DateOnly(2019, 10, 1));
        var second = new DuckDbEtl(etl).Run(new DateOnly(2019, 10, 1));
        Assert.Equal(1, first.DaysBuilt);
        Assert.Equal(0, second.DaysBuilt);
        Assert.Equal(first.DailyRows, second.DailyRows);
        Assert.Equal(4_504, second.Profiles);
    }

    private static void AssertSameProfiles(string data, List<CommerceEvent> events, DateOnly asOf)
    {
        using var etl = EmbeddedStore.Open(data, ProfileCatalog.Default);
        new DuckDbEtl(etl).Run(asOf);
        var expected = ReferenceProfiles.Compute(events, asOf);
        var actual = etl.Profiles().ToDictionary(p => p.UserId, p => p.Metrics);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (user, metrics) in expected)
        {
            foreach (var (name, value) in metrics)
            {
                var got = actual[user][name];
                var same = value is IEnumerable list and not string
                    ? got is IEnumerable other && list.Cast<object>().SequenceEqual(other.Cast<object>())
                    : Equals(value, got);
                Assert.True(same, $"as of {asOf:yyyy-MM-dd}, user {user}, {name}: expected {Show(value)}, the ETL gave {Show(got)}");
            }
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        IEnumerable list and not string => "[" + string.Join(",", list.Cast<object>()) + "]",
        _ => $"{value} ({value.GetType().Name})",
    };
}

/// <summary>A metric a user adds in a catalog file, with its filter in the rule language, without writing SQL.</summary>
public class CatalogFileTests
{
    [SampleFact]
    public async Task A_declared_metric_is_computed_and_can_be_used_in_rules()
    {
        using var data = new TemporaryDirectory();
        var catalogFile = Path.Combine(data.Path, "catalog.json");
        await File.WriteAllTextAsync(catalogFile, """
            [
              {"name": "smartphone_views_30d", "type": "int", "description": "Views of smartphones in 30 days",
               "aggregate": "count", "window_days": 30,
               "filter": "event_type = 'view' AND category_code STARTS WITH 'electronics.smartphone'"},
              {"name": "premium_brands_30d", "type": "int", "description": "Distinct premium brands seen",
               "aggregate": "distinct_count", "window_days": 30, "field": "brand",
               "filter": "brand IN ('apple', 'samsung') AND price >= 500"},
              {"name": "heavy_viewer", "type": "bool", "description": "More than 20 views in 30 days",
               "aggregate": "expression", "expression": "views_30d > 20"}
            ]
            """);
        var catalog = ProfileCatalog.WithFile(catalogFile);
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var etl = EmbeddedStore.Open(data.Path, catalog);
        new DuckDbEtl(etl).Run(new DateOnly(2019, 10, 1));
        var profiles = etl.Profiles().ToDictionary(p => p.UserId, p => p.Metrics);
        var events = EventFileReader.ReadFile(SampleData.OctoberHead).Select(l => l.Event!).ToList();

        foreach (var user in events.GroupBy(e => e.UserId))
        {
            Assert.Equal(
                (long)user.Count(e => e.EventType == EventType.View && e.CategoryCode is not null && e.CategoryCode.StartsWith("electronics.smartphone", StringComparison.Ordinal)),
                profiles[user.Key]["smartphone_views_30d"]);
            Assert.Equal(
                (long)user.Where(e => e.Brand is "apple" or "samsung" && e.Price >= 500).Select(e => e.Brand).Distinct().Count(),
                profiles[user.Key]["premium_brands_30d"]);
            Assert.Equal(user.Count(e => e.EventType == EventType.View) > 20, profiles[user.Key]["heavy_viewer"]);
        }

        var rule = Rule.Parse("smartphone_views_30d >= 3 AND NOT heavy_viewer", catalog.Catalog).Rule!;
        Assert.Contains(profiles.Values, p => rule.Evaluate(p, RuleClock.AsOfDate(new DateOnly(2019, 10, 1))) == TruthValue.True);
    }

    [Theory]
    [InlineData("""[{"name": "x", "type": "int", "description": "", "aggregate": "count", "filter": "event_typ = 'view'"}]""", "metric x: filter `event_typ = 'view'`: 1:1: unknown metric `event_typ`; did you mean `event_type`?")]
    [InlineData("""[{"name": "x", "type": "int", "description": "", "aggregate": "top"}]""", "metric x: Top needs a field of the event: event_time, event_date, event_type, product_id, category_id, category_code, brand, price, user_session")]
    [InlineData("""[{"name": "x", "type": "bool", "description": "", "aggregate": "expression", "expression": "views_30d"}]""", "metric x: expression `views_30d` must be a bool: ")]
    public void A_wrong_declaration_says_which_metric_and_why(string json, string expected)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, json);
        try
        {
            Assert.Equal(expected, Assert.Throws<InvalidDataException>(() => ProfileCatalog.WithFile(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_built_in_declarations_check_as_a_files_do()
    {
        ProfileCatalog.CheckBuiltIns(); // what a process no longer does at start: the built-ins' filters and expressions parse and check

        var broken = ProfileCatalog.Default.Declarations.Select(d => d.Name == "is_buyer" ? d with { Expression = "purchases_totl > 0" } : d);
        Assert.Contains("purchases_totl", Assert.Throws<InvalidDataException>(() => new ProfileCatalog(broken)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_declarations_are_the_rule_library_default_catalog()
    {
        Assert.Equal(
            ShopCatalog.Instance.Metrics.Select(m => (m.Name, m.Type)),
            ProfileCatalog.Default.Declarations.Select(d => (d.Name, d.Type)));
    }
}

/// <summary>The corners of metrics.md, written by hand: midnight, ties, zero prices, duplicates, events after D, empty sessions.</summary>
public class EtlEdgeTests
{
    private static CommerceEvent E(string time, EventType type, long user, string? session, decimal price = 10m, string? brand = "b", string? category = "c.d", long product = 1) =>
        new(DateTime.SpecifyKind(DateTime.Parse(time, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), type, product, 7, category, brand, price, user, session);

    [Fact]
    public async Task Hand_written_corners_match_the_plain_computation()
    {
        CommerceEvent[] events =
        [
            // A session across midnight counts once in a window that holds both days.
            E("2019-10-09 23:59:59", EventType.View, 1, "s1"),
            E("2019-10-10 00:00:01", EventType.View, 1, "s1"),
            // A tie for the top brand goes to the ordinally smallest ("B" < "a").
            E("2019-10-10 10:00:00", EventType.View, 2, "s2", brand: "a"),
            E("2019-10-10 10:00:01", EventType.View, 2, "s2", brand: "B"),
            // A purchase at 0.00, and the exact same row twice (both count: they are in the source).
            E("2019-10-10 11:00:00", EventType.Purchase, 3, "s3", price: 0m),
            E("2019-10-10 11:00:05", EventType.Purchase, 3, "s3", price: 5.55m),
            E("2019-10-10 11:00:05", EventType.Purchase, 3, "s3", price: 5.55m),
            // Events after D never count; a customer whose only event is after D has no profile.
            E("2019-10-11 09:00:00", EventType.Purchase, 1, "s9", price: 99m),
            E("2019-10-11 09:00:00", EventType.View, 4, "s4"),
            // No session id: an event, but not a session.
            E("2019-10-10 12:00:00", EventType.View, 5, null, brand: null, category: null),
            // The edges of the windows: the first day in the 7-day and 30-day windows, and the day before each.
            E("2019-10-04 08:00:00", EventType.Cart, 6, "w7in"),
            E("2019-10-03 08:00:00", EventType.Cart, 6, "w7out"),
            E("2019-09-11 08:00:00", EventType.Purchase, 6, "w30in", price: 1m),
            E("2019-09-10 08:00:00", EventType.Purchase, 6, "w30out", price: 2m),
        ];
        using var data = new TemporaryDirectory();
        var path = Path.Combine(data.Path, "corners.csv");
        using (var file = new StreamWriter(path))
        {
            file.Write(EventCsvFormat.Header + "\n");
            foreach (var e in events)
            {
                EventCsvFormat.Write(file, e);
            }
        }

        await EmbeddedIngest.RunAsync(path, data.Path);
        var asOf = new DateOnly(2019, 10, 10);
        using var etl = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        new DuckDbEtl(etl).Run(asOf);
        var actual = etl.Profiles().ToDictionary(p => p.UserId, p => p.Metrics);
        var expected = ReferenceProfiles.Compute(EventFileReader.ReadFile(path).Select(l => l.Event!), asOf);

        Assert.Equal([1L, 2, 3, 5, 6], actual.Keys.Order());
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (user, metrics) in expected)
        {
            foreach (var (name, value) in metrics)
            {
                Assert.True(value is System.Collections.IEnumerable list and not string
                    ? actual[user][name] is System.Collections.IEnumerable got && list.Cast<object>().SequenceEqual(got.Cast<object>())
                    : Equals(value, actual[user][name]), $"user {user}, {name}: expected {value}, got {actual[user][name]}");
            }
        }

        Assert.Equal(1L, actual[1]["sessions_7d"]);
        Assert.Equal("B", actual[2]["top_brand_30d"]);
        Assert.Equal(11.10m, actual[3]["spend_30d"]);
        Assert.Equal(3L, actual[3]["purchases_30d"]);
        Assert.Equal(1L, actual[3]["orders_30d"]);
        Assert.Equal(0L, actual[5]["sessions_7d"]);
        Assert.Equal(1L, actual[6]["carts_7d"]);
        Assert.Equal(1.00m, actual[6]["spend_30d"]);
        Assert.Equal(3.00m, actual[6]["spend_total"]);
        Assert.Equal(false, actual[1]["is_buyer"]);
    }
}

/// <summary>Profiles a Spark job wrote as Parquet read back for the stores: the cluster's path into PostgreSQL and MongoDB.</summary>
public class ParquetProfilesTests
{
    [SampleFact]
    public async Task A_parquet_profiles_table_reads_back_as_the_same_profiles()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var etl = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        new DuckDbEtl(etl).Run(new DateOnly(2019, 10, 1));
        var parquet = Path.Combine(data.Path, "spark-profiles.parquet");
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"DataSource={Path.Combine(data.Path, "profiles.duckdb")}"))
        {
            etl.Dispose();
            connection.Open();
            using var copy = connection.CreateCommand();
            copy.CommandText = $"COPY profiles TO '{parquet}' (FORMAT parquet)";
            copy.ExecuteNonQuery();
        }

        using var again = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        var expected = again.Profiles().ToList();
        var read = DuckDbProfileReader.ReadParquet(parquet, ProfileCatalog.Default).ToList();
        Assert.Equal(expected.Count, read.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].UserId, read[i].UserId);
            foreach (var (name, value) in expected[i].Metrics)
            {
                var got = read[i].Metrics[name];
                Assert.True(value is System.Collections.IEnumerable list and not string
                    ? got is System.Collections.IEnumerable other && list.Cast<object>().SequenceEqual(other.Cast<object>())
                    : Equals(value, got), $"{name}: {value} vs {got}");
            }
        }
    }
}
