using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Store.Segments;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// Segments built on segments (v2 in_segment) in the embedded store: evaluated after the segments they read, as of the
/// same day; a save that would close a circle is refused naming it; a segment others read cannot be archived or renamed.
/// </summary>
public sealed class SegmentGraphTests
{
    [Fact]
    public async Task A_segment_reads_the_membership_of_another_as_of_the_same_day()
    {
        using var data = new TemporaryDirectory();
        await GeneratedLake.IngestAsync(data.Path, new GeneratorOptions(20_000, 500, 20, new DateOnly(2019, 10, 1), 4));
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        // Saved in an order where the reader's name sorts first: evaluation follows what reads what, not names.
        Assert.NotNull(store.Segments.Save("viewers", "count(views in last 7d) >= 5", "", "t").Segment);
        Assert.NotNull(store.Segments.Save("a_active_viewers", "in_segment('viewers') AND sessions_7d >= 2", "", "t").Segment);
        Assert.NotNull(store.Segments.Save("a_lapsed", "NOT in_segment('viewers') AND NOT in_segment('a_active_viewers')", "", "t").Segment);

        foreach (var asOf in new[] { new DateOnly(2019, 10, 10), new DateOnly(2019, 10, 18) })
        {
            new DuckDbEtl(store).Run(asOf);
            var viewers = store.Segments.Members("viewers", asOf).ToHashSet();
            var profiles = store.Profiles().ToList();
            var active = profiles.Where(p => viewers.Contains(p.UserId) && (long?)p.Metrics["sessions_7d"] >= 2).Select(p => p.UserId).ToList();
            var lapsed = profiles.Where(p => !viewers.Contains(p.UserId) && !active.Contains(p.UserId)).Select(p => p.UserId).ToList();

            Assert.NotEmpty(viewers);
            Assert.NotEmpty(active);
            Assert.Equal(active, store.Segments.Members("a_active_viewers", asOf));
            Assert.Equal(lapsed, store.Segments.Members("a_lapsed", asOf));
        }
    }

    [Fact]
    public void A_circle_is_refused_at_save_naming_it_and_a_read_segment_cannot_go()
    {
        using var data = new TemporaryDirectory();
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        store.Segments.Save("b", "spend_30d > 0", "", "t");
        store.Segments.Save("a", "in_segment('b') AND is_buyer", "", "t");
        store.Segments.Save("c", "in_segment('a')", "", "t");

        var circle = store.Segments.Save("b", "in_segment('c')", "", "t");
        Assert.Equal(SegmentSaveRefusal.Cycle, circle.Refusal);
        Assert.Equal("segments cannot read each other in a circle: b → c → a → b", circle.Problem);
        var self = store.Segments.Save("a", "in_segment('a')", "", "t");
        Assert.Equal("segments cannot read each other in a circle: a → a", self.Problem);
        Assert.Equal(SegmentSaveRefusal.InvalidRule, store.Segments.Save("d", "in_segment('nope')", "", "t").Refusal);

        Assert.Equal(LifecycleRefusal.InUse, store.Segments.Lifecycle.Archive("b", "t"));
        var rename = store.Segments.Lifecycle.Rename("a", "a2");
        Assert.Equal((LifecycleRefusal.InUse, "`a` is read by `c` (in_segment): change their rules first"), rename);
        Assert.Equal(LifecycleRefusal.None, store.Segments.Lifecycle.Archive("c", "t")); // nobody reads c
        Assert.Equal(LifecycleRefusal.None, store.Segments.Lifecycle.Rename("a", "a2").Refusal); // nobody reads a now
    }

    [Fact]
    public void The_order_puts_each_segment_after_what_it_reads_and_leaves_circles_out()
    {
        var reads = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["a"] = ["b", "c"],
            ["b"] = ["c"],
            ["c"] = [],
            ["x"] = ["y"],
            ["y"] = ["x"],
            ["z"] = ["x"],
            ["w"] = ["gone"],
        };

        Assert.Equal(["c", "b", "a"], SegmentGraph.Order(reads));
        Assert.Equal(["x", "y", "x"], SegmentGraph.CycleThrough("x", reads));
        Assert.Null(SegmentGraph.CycleThrough("a", reads));
    }
}
