using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;

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
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var etl = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        var asOf = new DateOnly(2019, 10, 1);
        const string text = "sessions_7d >= 2 OR (is_buyer AND top_brand_30d < 'm') OR viewed_categories_30d HAS 'electronics.smartphone' OR NOT (cart_rate >= 0.1)";
        etl.Segments.Save("mixed", text, "", "test");
        new DuckDbEtl(etl).Run(asOf);

        var store = new MongoProfileStore(mongo.Value.ConnectionString, ProfileCatalog.Default, "profiles_" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(4_504, store.Load(etl.Profiles(), asOf));
        Assert.Equal(4_504, store.Count());
        var rule = Rule.Parse(text, ShopCatalog.Instance).Rule!;
        store.IndexFor(rule);
        Assert.Equal(etl.Segments.Members("mixed", asOf), store.Members(rule, RuleClock.AsOfDate(asOf)));

        // A load that fails part-way leaves the stored profiles exactly as they were.
        // (the failed load's rows would blank every customer's metrics if any of it were kept; it fails past a first batch of writes)
        var blank = etl.Profiles().Select(p => new ProfileRow(p.UserId, new Dictionary<string, object?>())).ToList();
        var blanked = blank.Concat(blank).FailingAfter(6_000);
        Assert.Throws<InvalidDataException>(() => store.Load(blanked, asOf.AddDays(1)));
        Assert.Equal(4_504, store.Count());
        Assert.Equal(etl.Segments.Members("mixed", asOf), store.Members(rule, RuleClock.AsOfDate(asOf)));

        Assert.Equal(50, store.Load(etl.Profiles().Take(50), asOf.AddDays(1)));
        Assert.Equal(50, store.Count());
    }
}
