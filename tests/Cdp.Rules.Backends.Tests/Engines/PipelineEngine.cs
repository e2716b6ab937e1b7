using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Segments;

namespace Cdp.Rules.Backends.Tests.Engines;

/// <summary>The pipeline's own segment engine over the test catalog: the production load and query path.</summary>
public sealed class PipelineEngine(string name, ISegmentEngine engine) : IProfileEngine, IDisposable
{
    public string Name { get; } = name;

    public SqlDialect Dialect => Name == "DuckDB" ? SqlDialect.DuckDb : SqlDialect.PostgreSql;

    public void Load(IReadOnlyList<TestProfile> profiles) => engine.Load(profiles.Select(p => new ProfileRow(p.Id, p.ToRow())));

    public IReadOnlyList<long> Select(Rule rule, RuleClock clock) => engine.Members(rule, clock);

    public void Dispose() => engine.Dispose();
}
