using System.Collections;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Lake;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// The incremental ETL (profiles combined from per-day partial aggregates, only changed days built again) gives the
/// profiles a full recompute from the events gives: after any sequence of ingests (new days, and more events on days
/// already built) and runs at any as-of date (before the data, inside it, after it, going back), every column of every
/// profile, the v2 aggregates of saved segments included, and every column's type.
/// </summary>
public sealed class IncrementalEtlTests
{
    /// <summary>Every aggregate function, every kind of window, and the aggregates that cannot come from whole days.</summary>
    private static readonly (string Name, string Rule)[] Segments =
    [
        ("recent_buyers", "count(purchases in last 3d) >= 1"),
        ("sessions", "count(distinct user_session of events in last 2w) > 2"),
        ("apple", "sum(price of purchases where brand = 'apple' in last 30d) > 100"),
        ("averages", "avg(price of carts) > 50 or avg(product_id of views in last 5d) > 1000"),
        ("extremes", "min(brand of views in last 10d) < 'c' or max(category_code of carts) > 'e' or max(event_time of events in last 1d) is not null"),
        ("removals", "sum(product_id of removals in last 7d) > 0 and count(distinct category_code of views since 2019-10-08) >= 1"),
        ("times", "first(events since 2019-10-05) is not null and last(views) > now() - 4d"),
        ("hours", "count(events in last 36h) > 2 or count(views in last 48h) > 3"),
        ("clock_where", "count(carts where event_time > now() - 2d) >= 1 or sum(price of purchases where days_since(event_time) <= 3) > 10"),
        ("midday", "count(purchases since 2019-10-10T12:00:00Z) >= 1"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Any_sequence_of_ingests_and_runs_gives_the_full_recomputes_profiles(int seed)
    {
        var random = new Random(seed);
        using var data = new TemporaryDirectory();
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        foreach (var (name, rule) in Segments)
        {
            Assert.NotNull(store.Segments.Save(name, rule, "", "test").Segment);
        }

        var runs = 0;
        var runsWithProfiles = 0;
        var kept = 0;
        for (var step = 0; step < 9; step++)
        {
            if (step == 0 || random.Next(3) == 0)
            {
                // A batch of events over a few days, often landing on days the last run built.
                var start = new DateOnly(2019, 10, 1).AddDays(random.Next(20));
                await IngestAsync(data.Path, step, new GeneratorOptions(1_500 + random.Next(1_500), 120, 2 + random.Next(8), start, random.Next()));
                continue;
            }

            // A run at any day, then the next day's and one three days on (those keep the customers nothing changed for).
            var asOf = new DateOnly(2019, 9, 29).AddDays(random.Next(40));
            foreach (var day in new[] { asOf, asOf.AddDays(1), asOf.AddDays(4) })
            {
                var steps = new List<string>();
                new DuckDbEtl(store).Run(day, new Progress(steps));
                runs++;
                kept += steps.Count(s => s.Contains("kept for the customers", StringComparison.Ordinal));
                runsWithProfiles += AssertSameAsFullRecompute(store, day) > 1_000 ? 1 : 0;
            }
        }

        Assert.True(runs >= 9 && runsWithProfiles >= 4 && kept >= 4, $"{runs} runs, {runsWithProfiles} of them with profiles to compare, {kept} keeping customers' profiles");
    }

    [Fact]
    public async Task Runs_build_only_the_days_whose_lake_files_changed_and_drop_what_nothing_reads()
    {
        using var data = new TemporaryDirectory();
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);
        await IngestAsync(data.Path, 0, new GeneratorOptions(4_000, 200, 10, new DateOnly(2019, 10, 1), 3));
        Assert.NotNull(store.Segments.Save("apple", "count(purchases where brand = 'apple' in last 30d) >= 1", "", "test").Segment);

        var steps = new List<string>();
        var progress = new Progress(steps);
        new DuckDbEtl(store).Run(new DateOnly(2019, 10, 7), progress);
        Assert.Equal(7, Built(store).Count);
        Assert.Contains(steps, s => s.StartsWith("partial aggregates 2019-10-01 to 2019-10-07, 7 days", StringComparison.Ordinal));

        var before = Built(store);
        new DuckDbEtl(store).Run(new DateOnly(2019, 10, 8), progress);
        Assert.Equal([new DateOnly(2019, 10, 8)], Rebuilt(before, Built(store)));

        // More events on a day already built: that day alone is built again.
        await IngestAsync(data.Path, 1, new GeneratorOptions(300, 50, 1, new DateOnly(2019, 10, 3), 4));
        before = Built(store);
        new DuckDbEtl(store).Run(new DateOnly(2019, 10, 8), progress);
        Assert.Equal([new DateOnly(2019, 10, 3)], Rebuilt(before, Built(store)));
        Assert.True(AssertSameAsFullRecompute(store, new DateOnly(2019, 10, 8)) > 1_000);

        // A new version of the segment reads another aggregate: the old one's partials go, the new one's are built for every day.
        var tables = PartialTables(store);
        Assert.NotNull(store.Segments.Save("apple", "count(purchases where brand = 'samsung' in last 30d) >= 1", "", "test", expectedVersion: 1).Segment);
        new DuckDbEtl(store).Run(new DateOnly(2019, 10, 8), progress);
        var now = PartialTables(store);
        Assert.Single(tables.Except(now));
        var added = Assert.Single(now.Except(tables));
        Assert.Equal(8, Built(store, added).Count);
        Assert.True(AssertSameAsFullRecompute(store, new DateOnly(2019, 10, 8)) > 1_000);
    }

    [Fact]
    public async Task A_catalog_filter_that_reads_the_clock_is_computed_from_the_events()
    {
        using var data = new TemporaryDirectory();
        var catalogFile = Path.Combine(data.Path, "catalog.json");
        await File.WriteAllTextAsync(catalogFile, """
            [{"name": "recent_views", "type": "int", "description": "Views in the last 30 hours", "aggregate": "count",
              "filter": "event_type = 'view' AND event_time >= now() - 30h"}]
            """);
        var catalog = ProfileCatalog.WithFile(catalogFile);
        await IngestAsync(data.Path, 0, new GeneratorOptions(3_000, 100, 6, new DateOnly(2019, 10, 1), 8));
        using var store = EmbeddedStore.Open(data.Path, catalog);
        new DuckDbEtl(store).Run(new DateOnly(2019, 10, 4));
        Assert.True(AssertSameAsFullRecompute(store, new DateOnly(2019, 10, 4)) > 1_000);
        Assert.Empty(PartialTables(store));
        Assert.Contains(store.Profiles(), p => p.Metrics["recent_views"] is > 0L);
    }

    [Fact]
    public async Task A_backfill_evaluates_every_day_as_full_runs_do_and_keeps_the_profiles_of_its_last_day()
    {
        // Two folders with the same events, catalog and segments: one runs every day in full, the other as `cdp etl
        // --from --to` does (the days before the last evaluate the segments on the columns they read, and keep nothing).
        var folders = new[] { new TemporaryDirectory(), new TemporaryDirectory() };
        var stores = new List<EmbeddedStore>();
        try
        {
            const string Catalog = """
                [{"name": "busy_week", "type": "bool", "description": "More than 3 events in 7 days", "aggregate": "expression", "expression": "events_7d > 3"}]
                """;
            (string Name, string Rule)[] segments =
            [
                .. Segments,
                ("engaged", "sessions_7d > 1 AND (cart_rate >= 0.2 OR spend_30d > 10)"),
                ("busy", "busy_week AND distinct_products_30d >= 2"),
                ("both", "in_segment('engaged') AND in_segment('apple')"),
            ];
            foreach (var folder in folders)
            {
                var file = Path.Combine(folder.Path, "catalog.json");
                await File.WriteAllTextAsync(file, Catalog);
                await IngestAsync(folder.Path, 0, new GeneratorOptions(6_000, 150, 12, new DateOnly(2019, 10, 1), 5));
                var store = EmbeddedStore.Open(folder.Path, ProfileCatalog.WithFile(file));
                stores.Add(store);
                foreach (var (name, rule) in segments)
                {
                    Assert.NotNull(store.Segments.Save(name, rule, "", "test").Segment);
                }
            }

            var (full, backfill) = (stores[0], stores[1]);
            var first = new DateOnly(2019, 10, 2);
            var last = new DateOnly(2019, 10, 13); // one day past the events
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                new DuckDbEtl(full).Run(day);
                var steps = new List<string>();
                var result = new DuckDbEtl(backfill).Run(day, new Progress(steps), keepProfiles: day == last);

                Assert.Equal(full.Counts().Profiles, result.Profiles);
                Assert.Equal(day == last ? day : null, backfill.ProfilesAsOf);
                Assert.Equal(day == last, !steps.Any(s => s.Contains("a day inside a backfill", StringComparison.Ordinal)));
            }

            const string Memberships = "SELECT name || ' ' || strftime(as_of, '%Y-%m-%d') || ' ' || user_id FROM segment_membership ORDER BY ALL";
            var expected = full.Connection.Rows(Memberships, r => r.GetString(0));
            Assert.Equal(expected, backfill.Connection.Rows(Memberships, r => r.GetString(0)));
            Assert.True(expected.Count > 1_000, $"{expected.Count} memberships");
            foreach (var name in segments.Select(s => s.Name))
            {
                Assert.True(expected.Any(m => m.StartsWith(name + " ", StringComparison.Ordinal)), $"segment {name} never had a member");
            }

            const string Evaluations = "SELECT name || ' ' || version || ' ' || strftime(as_of, '%Y-%m-%d') || ' ' || members FROM segment_evaluations ORDER BY ALL";
            Assert.Equal(full.Connection.Rows(Evaluations, r => r.GetString(0)), backfill.Connection.Rows(Evaluations, r => r.GetString(0)));
            Assert.True(AssertSameAsFullRecompute(backfill, last) > 1_000);
            Assert.Empty(backfill.Connection.Rows("SELECT table_name FROM duckdb_tables() WHERE table_name = 'backfill_profiles'", r => r.GetString(0)));
        }
        finally
        {
            stores.ForEach(s => s.Dispose()); // before the folders, also when an assertion failed
            foreach (var folder in folders)
            {
                folder.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_backfill_day_with_no_segments_counts_the_customers_and_keeps_nothing()
    {
        using var data = new TemporaryDirectory();
        await IngestAsync(data.Path, 0, new GeneratorOptions(2_000, 100, 3, new DateOnly(2019, 10, 1), 6));
        using var store = EmbeddedStore.Open(data.Path, ProfileCatalog.Default);

        var inside = new DuckDbEtl(store).Run(new DateOnly(2019, 10, 3), keepProfiles: false);

        Assert.Null(store.ProfilesAsOf);
        Assert.Equal(0, store.Counts().Profiles);
        Assert.Equal(new DuckDbEtl(store).Run(new DateOnly(2019, 10, 3)).Profiles, inside.Profiles);
        Assert.True(inside.Profiles > 50, $"{inside.Profiles} customers");
    }

    private static async Task IngestAsync(string data, int batch, GeneratorOptions options)
    {
        var path = Path.Combine(data, $"batch-{batch}.csv");
        using (var file = new StreamWriter(path))
        {
            new EventGenerator(options).Write(file);
        }

        await EmbeddedIngest.RunAsync(path, data);
    }

    /// <summary>The stored profiles against the profile query over every event of the lake, run apart on its own connection.</summary>
    private static int AssertSameAsFullRecompute(EmbeddedStore store, DateOnly asOf)
    {
        var derived = AggregateColumns.Of(store.RulesToCompute());
        var definitions = derived.Select(d => d.Derived.Definition).ToList();
        var full = ProfileQuery.Build(store.Catalog, SqlDialect.DuckDb, asOf, LakeScan.Sql(store.DataDirectory), derived);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE full_profiles AS " + full.Text, full.Parameters.Select(p => p.Value));

        Assert.Equal(Types(connection, "full_profiles"), Types(store.Connection, "profiles"));
        using var command = connection.Command("SELECT * FROM full_profiles ORDER BY user_id");
        using var reader = command.ExecuteReader();
        var expected = DuckDbProfileReader.ReadRows(reader, store.Catalog, definitions).ToList();
        var actual = store.Profiles(derived: definitions).ToList();
        Assert.Equal(expected.Select(p => p.UserId), actual.Select(p => p.UserId));
        var compared = 0;
        foreach (var (want, got) in expected.Zip(actual))
        {
            foreach (var (name, value) in want.Metrics)
            {
                var other = got.Metrics[name];
                var same = value is IEnumerable list and not string
                    ? other is IEnumerable items && list.Cast<object>().SequenceEqual(items.Cast<object>())
                    : Equals(value, other);
                Assert.True(same, $"as of {asOf:yyyy-MM-dd}, user {want.UserId}, {name}: a full recompute gives {value}, the incremental run {other}");
                compared++;
            }
        }

        return compared;
    }

    private static List<string> Types(DuckDBConnection connection, string table)
    {
        using var command = connection.Command("SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name", table);
        using var reader = command.ExecuteReader();
        var types = new List<string>();
        while (reader.Read())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }

    /// <summary>Which (table, day) partials are built, with the signature each was built from.</summary>
    private static List<(string Table, DateOnly Day, string Signature)> Built(EmbeddedStore store, string? table = null)
    {
        using var command = store.Connection.Command("""
            SELECT partial_table, event_date, signature FROM etl_partial_days
            WHERE partial_table = coalesce($1, (SELECT partial_table FROM etl_partial_tables WHERE definition LIKE 'catalog|%'))
            """, table);
        using var reader = command.ExecuteReader();
        var built = new List<(string, DateOnly, string)>();
        while (reader.Read())
        {
            built.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2)));
        }

        return built;
    }

    private static List<DateOnly> Rebuilt(List<(string Table, DateOnly Day, string Signature)> before, List<(string Table, DateOnly Day, string Signature)> after) =>
        [.. after.Except(before).Select(b => b.Day).Order()];

    private static List<string> PartialTables(EmbeddedStore store)
    {
        using var command = store.Connection.Command("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'partial_%' ORDER BY table_name");
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private sealed class Progress(List<string> steps) : IProgress<string>
    {
        public void Report(string value) => steps.Add(value);
    }
}
