using FsCheck;
using FsCheck.Fluent;

namespace Cdp.Rules.Backends.Tests.Engines;

/// <summary>
/// The cross-backend property: for generated rules over generated profiles, the engine selects exactly
/// the customers the reference evaluator selects. A failure names the rule, the compiled form, the first
/// disagreeing profile and its explanation; FsCheck adds the seed and shrinks to one profile.
/// </summary>
public static class Differential
{
    public static Property SameMembers(IProfileEngine engine, Func<Rule, string> compiled, Func<Rule, bool>? applies = null) =>
        Prop.ForAll(DifferentialCase.Arbitrary(profiles: 200), @case =>
        {
            var rule = Rule.Parse(@case.Text, TestCatalog.Instance).Rule ?? throw new InvalidOperationException("a generated rule does not check: " + @case.Text);
            return Prop.When(applies?.Invoke(rule) ?? true, () =>
            {
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
                    throw new InvalidOperationException($"{engine.Name} failed on {rule}\n{e.Message}\n{compiled(rule)}", e);
                }

                if (!expected.SequenceEqual(actual))
                {
                    var wrong = @case.Profiles.First(p => expected.Contains(p.Id) != actual.Contains(p.Id));
                    Assert.Fail(
                        $"{engine.Name} disagrees with the reference on {rule}\n{compiled(rule)}\nprofile: {wrong}\n" +
                        $"reference: {(expected.Contains(wrong.Id) ? "member" : "not a member")}\n{rule.Explain(wrong.ToRow(), clock)}");
                }
            });
        });
}
