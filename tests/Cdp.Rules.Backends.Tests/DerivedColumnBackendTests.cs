using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Segments;
using Cdp.Rules.Backends.Tests.Mongo;

namespace Cdp.Rules.Backends.Tests;

/// <summary>
/// v2 on the SQL and MongoDB backends: over profiles that hold each rule's derived columns (aggregates computed from
/// generated histories, segment memberships), DuckDB, PostgreSQL and MongoDB (mingo) select exactly the reference's
/// members, computed from the events, and so does the official MongoDB driver against the wire-protocol stand-in for
/// every rule that reads no money column (the stand-in cannot compare a Decimal128; see MongoWireProperties); the Spark
/// SQL text of every rule is valid Spark SQL.
/// </summary>
public sealed class DerivedColumnBackendTests(SharedFixture<PostgresServer> postgres, SharedFixture<MingoEngine> mingo, SharedFixture<MongoWireServer> wire, SparkSqlFixture spark)
    : IClassFixture<SharedFixture<PostgresServer>>, IClassFixture<SharedFixture<MingoEngine>>, IClassFixture<SharedFixture<MongoWireServer>>, IClassFixture<SparkSqlFixture>
{
    private static readonly IReadOnlyList<V2Rules.Customer> Customers = V2Rules.Customers(seed: 29, count: 200);

    public static TheoryData<string> Texts => [.. V2Rules.Texts];

    /// <summary>Generated v2 rules (every function, kind, WHERE and window, joined by AND, OR, NOT).</summary>
    public static TheoryData<string> Generated => [.. V2RuleTexts.Generate(seed: 41, count: 150)];

    [Theory]
    [MemberData(nameof(Generated))]
    public void Every_backend_selects_the_reference_members_for_generated_v2_rules(string text) =>
        Every_backend_reads_the_derived_columns_and_selects_the_reference_members(text);

    [Theory]
    [MemberData(nameof(Texts))]
    public void Every_backend_reads_the_derived_columns_and_selects_the_reference_members(string text)
    {
        var rule = V2Rules.Holding(text);
        var expected = V2Rules.ReferenceMembers(rule, Customers);
        var rows = Customers.Select(c => (c.Id, Row: (IReadOnlyDictionary<string, object?>)c.Holding(rule))).ToList();
        var profiles = rows.Select(r => new ProfileRow(r.Id, r.Row)).ToList();

        using (var duck = new DuckDbSegmentEngine(rule.Catalog))
        {
            duck.Load(profiles);
            Assert.Equal(expected, duck.Members(rule, EventHistories.Clock));
            Assert.Equal(expected.Count, duck.Count(rule, EventHistories.Clock));
        }

        using (var pg = new PostgresSegmentEngine(postgres.Value.ConnectionString, rule.Catalog))
        {
            pg.Load(profiles);
            Assert.Equal(expected, pg.Members(rule, EventHistories.Clock));
            Assert.Equal(expected.Count, pg.Count(rule, EventHistories.Clock));
        }

        mingo.Value.Load(rows, rule.Catalog);
        Assert.Equal(expected, mingo.Value.Select(rule, EventHistories.Clock));

        if (!ReadsMoney(rule))
        {
            using var driver = new MongoSegmentEngine(wire.Value.ConnectionString, rule.Catalog);
            driver.Load(profiles);
            Assert.Equal(expected, driver.Members(rule, EventHistories.Clock));
            Assert.Equal(expected.Count, driver.Count(rule, EventHistories.Clock));
        }

        var sql = SqlTarget.Select(rule, SqlDialect.SparkSql, EventHistories.Clock, "profiles").Text;
        Assert.Empty(spark.Errors(sql));
    }

    private static bool ReadsMoney(Rule rule) => rule.Metrics.Concat(rule.Derived.Select(d => d.Definition)).Any(m => m.Type == MetricType.Money);

    [Fact]
    public void Most_generated_rules_also_go_through_the_driver_and_the_wire_stand_in()
    {
        var rules = V2RuleTexts.Generate(seed: 41, count: 150).Concat(V2Rules.Texts).Select(V2Rules.Holding).ToList();

        Assert.True(rules.Count(r => !ReadsMoney(r)) >= rules.Count / 3, $"{rules.Count(r => !ReadsMoney(r))} of {rules.Count}");
    }
}
