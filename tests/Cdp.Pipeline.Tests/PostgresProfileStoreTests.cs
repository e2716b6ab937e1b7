using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>The PostgreSQL profile store against a real server started by the tests.</summary>
public class PostgresProfileStoreTests(SharedFixture<PostgresServer> postgres) : IClassFixture<SharedFixture<PostgresServer>>
{
    [SampleFact]
    public async Task Loaded_profiles_select_the_same_segments_as_the_embedded_store()
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var etl = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        var asOf = new DateOnly(2019, 10, 1);
        new DuckDbEtl(etl).Run(asOf);
        const string text = "sessions_7d >= 2 OR (is_buyer AND top_brand_30d < 'm') OR viewed_categories_30d HAS 'electronics.smartphone'";
        etl.Segments.Save("mixed", text, "", "test");
        new DuckDbEtl(etl).Run(asOf);

        using var store = new PostgresProfileStore(postgres.Value.ConnectionString, ProfileCatalog.Default);
        Assert.Equal(4_504, store.Load(etl.Profiles(), asOf));
        Assert.Equal(4_504, store.Count());

        var rule = Rule.Parse(text, ShopCatalog.Instance).Rule!;
        Assert.Equal(etl.Segments.Members("mixed", asOf), store.Members(rule, RuleClock.AsOfDate(asOf)));

        // A load that fails part-way leaves the stored profiles exactly as they were.
        // (the failed load's rows would blank every customer's metrics if any of it were kept; it fails past a first batch of writes)
        var blank = etl.Profiles().Select(p => new ProfileRow(p.UserId, new Dictionary<string, object?>())).ToList();
        var blanked = blank.Concat(blank).FailingAfter(6_000);
        Assert.Throws<InvalidDataException>(() => store.Load(blanked, asOf.AddDays(1)));
        Assert.Equal(4_504, store.Count());
        Assert.Equal(etl.Segments.Members("mixed", asOf), store.Members(rule, RuleClock.AsOfDate(asOf)));

        // Loading again (a later day, fewer customers) upserts and drops the ones that are gone.
        Assert.Equal(100, store.Load(etl.Profiles().Take(100), asOf.AddDays(1)));
        Assert.Equal(100, store.Count());
    }

    [Fact]
    public void The_schema_is_migrated_once_and_grows_with_the_catalog()
    {
        using (new PostgresProfileStore(postgres.Value.ConnectionString, ProfileCatalog.Default))
        {
        }

        var grown = new ProfileCatalog(ProfileCatalog.Default.Declarations.Append(
            new MetricDeclaration("brand_views_30d", MetricType.Int, "views of branded products", MetricAggregate.Count, 30, "event_type = 'view' AND brand IS NOT NULL")));
        using var store = new PostgresProfileStore(postgres.Value.ConnectionString, grown);
        var rule = Rule.Parse("brand_views_30d > 0", grown.Catalog).Rule!;
        Assert.Empty(store.Members(rule, RuleClock.AsOfDate(new DateOnly(2019, 10, 1))));
    }
}
