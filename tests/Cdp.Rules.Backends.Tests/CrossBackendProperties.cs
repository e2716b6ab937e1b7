using Cdp.Pipeline.Store.Segments;
using Cdp.Rules.Backends.Tests.Engines;
using FsCheck;
using FsCheck.Xunit;

namespace Cdp.Rules.Backends.Tests;

/// <summary>The engines, started once for the class: a PostgreSQL server and an in-memory DuckDB.</summary>
public sealed class EnginesFixture : IDisposable
{
    public EnginesFixture()
    {
        Postgres = new PipelineEngine("PostgreSQL", new PostgresSegmentEngine(Server.ConnectionString, TestCatalog.Instance));
    }

    public PostgresServer Server { get; } = new();

    public PipelineEngine Postgres { get; }

    public PipelineEngine DuckDb { get; } = new("DuckDB", new DuckDbSegmentEngine(TestCatalog.Instance));

    public void Dispose()
    {
        Postgres.Dispose();
        DuckDb.Dispose();
        Server.Dispose();
    }
}

/// <summary>
/// One rule, one meaning: for 500 generated rules, each over 200 generated profiles with NULLs, every
/// engine selects exactly the customers the reference evaluator selects. FsCheck prints the seed on
/// failure and shrinks to one profile and the smallest disagreeing sub-rule.
/// </summary>
public class CrossBackendProperties(EnginesFixture engines) : IClassFixture<EnginesFixture>
{
    [ScaledProperty(500)]
    public Property DuckDb_selects_the_reference_members() =>
        Differential.SameMembers(engines.DuckDb, rule => SqlTarget.Select(rule, SqlDialect.DuckDb, ValuePools.Clock, "profiles").ToString());

    [ScaledProperty(500)]
    public Property PostgreSql_selects_the_reference_members() =>
        Differential.SameMembers(engines.Postgres, rule => SqlTarget.Select(rule, SqlDialect.PostgreSql, ValuePools.Clock, "profiles").ToString());
}
