using Cdp.Pipeline.Activation;

namespace Cdp.Pipeline.Tests.Activation;

public sealed class ActivationOutboxTests
{
    private static readonly DateOnly Day1 = new(2019, 10, 30);
    private static readonly DateOnly Day2 = new(2019, 10, 31);

    [Fact]
    public void The_first_evaluation_is_a_full_sync_and_later_ones_are_deltas()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.AddDestination("crm");

        fixture.Load(Day1, 150, 50, 200, 101);
        var first = fixture.Changes("crm");
        Assert.Equal([(1L, "entered", true), (3L, "entered", true), (4L, "entered", true)], first.Select(c => (c.UserId, c.Change, c.Initial)));
        Assert.All(first, c => Assert.Equal(("big_spenders", 1, Day1, ActivationKeys.RuleHash("spend_30d > 100")), (c.Segment, c.Version, c.AsOf, c.RuleHash)));

        fixture.Load(Day2, 150, 500, 20, 101);
        var second = fixture.Changes("crm").Skip(first.Count).ToList();
        Assert.Equal([(2L, "entered", false), (3L, "exited", false)], second.Select(c => (c.UserId, c.Change, c.Initial)));

        var keys = fixture.Changes("crm").Select(c => c.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{64}$", k));
    }

    [Fact]
    public void A_new_rule_version_sends_the_delta_between_the_old_members_and_the_new()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.AddDestination("crm");
        fixture.Load(Day1, 150, 50, 200);

        fixture.Store.Segments.Save("big_spenders", "spend_30d > 160", "", "test");
        fixture.Store.EvaluateSegments(Day1, "big_spenders");

        var changes = fixture.Changes("crm");
        var delta = Assert.Single(changes.Skip(2));
        Assert.Equal((1L, "exited", 2, ActivationKeys.RuleHash("spend_30d > 160")), (delta.UserId, delta.Change, delta.Version, delta.RuleHash));
    }

    [Fact]
    public void A_customer_who_flips_back_on_the_same_day_gets_a_new_key_so_a_deduplicating_receiver_keeps_the_last_state()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.AddDestination("crm");
        fixture.Load(Day1, 150);
        fixture.Load(Day1, 50);
        fixture.Load(Day1, 150);

        var changes = fixture.Changes("crm");
        Assert.Equal(["entered", "exited", "entered"], changes.Select(c => c.Change));
        Assert.Equal(3, changes.Select(c => c.Key).Distinct().Count());
        Assert.EndsWith("-2", changes[2].Key, StringComparison.Ordinal);
    }

    [Fact]
    public void A_destination_added_later_starts_with_the_full_sync_of_the_current_members_and_gets_only_its_segments()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.Store.Segments.Save("small_spenders", "spend_30d <= 100", "", "test");
        fixture.Load(Day1, 150, 50);
        Assert.Empty(fixture.Store.Activation.Destinations());

        fixture.AddDestination("crm", segments: ["big_spenders"]);
        fixture.Load(Day2, 150, 500);

        var changes = fixture.Changes("crm");
        Assert.Equal([(1L, true), (2L, true)], changes.Select(c => (c.UserId, c.Initial)));
        Assert.All(changes, c => Assert.Equal("big_spenders", c.Segment));
    }

    [Fact]
    public void Changes_are_cut_into_batches_of_the_destinations_size_and_a_files_destination_takes_an_evaluation_whole()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.AddDestination("hook", batchSize: 2);
        fixture.AddDestination("folder", DestinationKind.Files);
        fixture.Load(Day1, 101, 102, 103, 104, 105);

        Assert.Equal([1, 2, 2], fixture.Store.Activation.Log("hook").Select(b => b.Changes));
        Assert.Equal(5, Assert.Single(fixture.Store.Activation.Log("folder")).Changes);
        Assert.Equal(new DeliveryCounts(0, 3, 0), fixture.Store.Activation.Counts()["hook"]);
    }

    [Fact]
    public void An_evaluation_that_fails_leaves_no_change_behind()
    {
        using var fixture = new ActivationFixture();
        fixture.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
        fixture.Load(Day1, 500);
        fixture.AddDestination("crm");

        Assert.Throws<InvalidOperationException>(() => fixture.Store.ReplaceProfiles(Day2,
            () => fixture.Store.Connection.Execute("CREATE TABLE profiles_incoming AS SELECT * FROM profiles"),
            () =>
            {
                fixture.Store.Segments.Evaluate(Day2);
                throw new InvalidOperationException("the evaluation's transaction fails after the changes were written");
            }));

        Assert.Empty(fixture.Store.Activation.Log("crm"));
        fixture.Store.EvaluateSegments(Day2);
        Assert.True(Assert.Single(fixture.Changes("crm")).Initial); // and the first evaluation kept is still the full sync
    }

    [Fact]
    public void Members_a_cluster_computed_produce_the_same_changes_as_members_evaluated_here()
    {
        using var here = new ActivationFixture();
        using var cluster = new ActivationFixture();
        foreach (var store in new[] { here, cluster })
        {
            store.Store.Segments.Save("big_spenders", "spend_30d > 100", "", "test");
            store.AddDestination("crm");
        }

        var days = new (DateOnly Day, decimal[] Spends)[] { (Day1, [150, 50, 200]), (Day2, [150, 500, 20]) };
        foreach (var (day, spends) in days)
        {
            here.Load(day, spends);
            // The Spark segment job's partition of the day: (name, user_id) of every member, as Parquet.
            var parquet = Path.Combine(cluster.DataPath, $"members-{day:yyyyMMdd}.parquet");
            var members = string.Join(" UNION ALL ", spends.Select((s, i) => (s, i)).Where(m => m.s > 100).Select(m => $"SELECT 'big_spenders' AS name, {m.i + 1}::BIGINT AS user_id"));
            cluster.Store.Connection.Execute($"COPY ({members}) TO '{parquet}' (FORMAT parquet)");
            cluster.Store.LoadProfiles(spends.Select((s, i) => new Cdp.Pipeline.Profiles.ProfileRow(i + 1, new Dictionary<string, object?> { ["spend_30d"] = s })), day, [parquet]);
        }

        Assert.Equal(here.Changes("crm"), cluster.Changes("crm"));
        Assert.Equal(4, here.Changes("crm").Count); // 1 and 3 enter; then 2 enters and 3 exits
    }
}
