using Cdp.Pipeline.Store;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>The PostgreSQL profile store against a real server started by the tests.</summary>
public class PostgresProfileStoreTests(SharedFixture<PostgresServer> postgres) : IClassFixture<SharedFixture<PostgresServer>>
{
    [SampleFact]
    public async Task Loaded_profiles_select_the_same_segments_as_the_embedded_store()
    {
        using var store = new PostgresProfileStore(postgres.Value.ConnectionString, ProfileCatalog.Default);
        await ProfileStoreContract.Loaded_profiles_select_what_the_embedded_store_selects(store,
            "sessions_7d >= 2 OR (is_buyer AND top_brand_30d < 'm') OR viewed_categories_30d HAS 'electronics.smartphone'");
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
