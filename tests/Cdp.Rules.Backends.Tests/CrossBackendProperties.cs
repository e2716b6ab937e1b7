using Cdp.Pipeline.Segments;
using Cdp.Rules.Backends.Tests.Engines;
using Cdp.Rules.Tests.Properties;
using Cdp.Rules.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
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
    [Property(MaxTest = 500)]
    public Property DuckDb_selects_the_reference_members() => Agrees(engines.DuckDb);

    [Property(MaxTest = 500)]
    public Property PostgreSql_selects_the_reference_members() => Agrees(engines.Postgres);

    private static Property Agrees(IProfileEngine engine) =>
        Prop.ForAll(DifferentialCase.Arbitrary(profiles: 200), @case =>
        {
            var rule = Rule.Parse(@case.Text, TestCatalog.Instance).Rule ?? throw new InvalidOperationException("generated rule does not check");
            var clock = ValuePools.Clock;
            var expected = @case.Profiles.Where(p => rule.Evaluate(p.ToRow(), clock) == TruthValue.True).Select(p => p.Id).Order().ToList();
            engine.Load(@case.Profiles);
            IReadOnlyList<long> actual;
            try
            {
                actual = engine.Select(rule, clock);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{engine.Name} failed on {rule}\n{e.Message}\n{SqlTarget.Select(rule, ((PipelineEngine)engine).Dialect, clock, "profiles")}", e);
            }

            if (!expected.SequenceEqual(actual))
            {
                var wrong = @case.Profiles.First(p => expected.Contains(p.Id) != actual.Contains(p.Id));
                Assert.Fail($"{engine.Name} disagrees with the reference on {rule}\nprofile: {wrong}\nreference: {(expected.Contains(wrong.Id) ? "member" : "not a member")}\n{rule.Explain(wrong.ToRow(), clock)}");
            }
        });
}
