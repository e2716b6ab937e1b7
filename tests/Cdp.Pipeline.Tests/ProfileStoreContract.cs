using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// What every <see cref="IProfileStore"/> must do, run against each (PostgreSQL, MongoDB): profiles loaded from the
/// embedded store select the same members as the embedded store's own evaluation; a load that fails part-way
/// leaves the stored profiles exactly as they were; a later, smaller load replaces them.
/// </summary>
internal static class ProfileStoreContract
{
    public static async Task Loaded_profiles_select_what_the_embedded_store_selects(IProfileStore store, string segmentRule, Action<Rule>? prepare = null)
    {
        using var data = new TemporaryDirectory();
        await EmbeddedIngest.RunAsync(SampleData.OctoberHead, data.Path);
        using var embedded = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        var asOf = new DateOnly(2019, 10, 1);
        embedded.Segments.Save("mixed", segmentRule, "", "test");
        new DuckDbEtl(embedded).Run(asOf);

        Assert.Equal(4_504, store.Load(embedded.Profiles(), asOf));
        Assert.Equal(4_504, store.Count());
        var rule = Rule.Parse(segmentRule, ShopCatalog.Instance).Rule!;
        prepare?.Invoke(rule);
        var expected = embedded.Segments.Members("mixed", asOf);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, store.Members(rule, RuleClock.AsOfDate(asOf)));

        // A load that fails part-way leaves the stored profiles exactly as they were.
        // (the failed load's rows would blank every customer's metrics if any of it were kept; it fails past a first batch of writes)
        var blank = embedded.Profiles().Select(p => new ProfileRow(p.UserId, new Dictionary<string, object?>())).ToList();
        var blanked = blank.Concat(blank).FailingAfter(6_000);
        Assert.Throws<InvalidDataException>(() => store.Load(blanked, asOf.AddDays(1)));
        Assert.Equal(4_504, store.Count());
        Assert.Equal(expected, store.Members(rule, RuleClock.AsOfDate(asOf)));

        // Loading again (a later day, fewer customers) replaces them: the ones that are gone are gone.
        Assert.Equal(100, store.Load(embedded.Profiles().Take(100), asOf.AddDays(1)));
        Assert.Equal(100, store.Count());
    }
}
