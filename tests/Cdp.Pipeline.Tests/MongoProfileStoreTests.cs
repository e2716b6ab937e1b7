using Cdp.Pipeline.Store;
using Cdp.Pipeline.Metrics;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// The MongoDB profile store through the official driver against the wire stand-in. The stand-in cannot
/// compare Decimal128 (see MongoWireProperties), so the segments here read no money metric.
/// </summary>
public class MongoProfileStoreTests(SharedFixture<MongoWireServer> mongo) : IClassFixture<SharedFixture<MongoWireServer>>
{
    [SampleFact]
    public async Task Loaded_profiles_select_the_same_segments_as_the_embedded_store()
    {
        var store = new MongoProfileStore(mongo.Value.ConnectionString, ProfileCatalog.Default, "profiles_" + Guid.NewGuid().ToString("N")[..6]);
        await ProfileStoreContract.Loaded_profiles_select_what_the_embedded_store_selects(store,
            "sessions_7d >= 2 OR (is_buyer AND top_brand_30d < 'm') OR viewed_categories_30d HAS 'electronics.smartphone' OR NOT (cart_rate >= 0.1)",
            store.IndexFor);
    }
}
