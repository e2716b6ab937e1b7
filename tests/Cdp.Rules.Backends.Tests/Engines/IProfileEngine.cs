
namespace Cdp.Rules.Backends.Tests.Engines;

/// <summary>A real engine holding a table of test profiles, answering which ids a rule selects.</summary>
public interface IProfileEngine
{
    string Name { get; }

    void Load(IReadOnlyList<TestProfile> profiles);

    IReadOnlyList<long> Select(Rule rule, RuleClock clock);
}
