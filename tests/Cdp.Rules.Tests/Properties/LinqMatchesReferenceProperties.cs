using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cdp.Rules.Tests.Properties;

/// <summary>
/// The LINQ target over a profile class and over rows selects exactly the customers the reference
/// evaluator selects: 1,000 generated rules, each over 200 generated profiles. On failure FsCheck
/// prints the seed (replay it with <c>[Property(Replay = "...")]</c>) and shrinks to one profile.
/// </summary>
public class LinqMatchesReferenceProperties
{
    [ScaledProperty(1000)]
    public Property Compiled_delegates_select_the_reference_members() =>
        Prop.ForAll(DifferentialCase.Arbitrary(profiles: 200), @case =>
        {
            var parsed = Rule.Parse(@case.Text, TestCatalog.Instance);
            Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
            var rule = parsed.Rule!;
            var clock = ValuePools.Clock;
            var onObjects = LinqTarget.Compile<TestProfile>(rule, clock).GetOutputOrThrow();
            var onRows = LinqTarget.CompileRows(rule, clock);

            foreach (var profile in @case.Profiles)
            {
                var row = profile.ToRow();
                var expected = rule.Evaluate(row, clock) == TruthValue.True;
                Assert.True(expected == onObjects(profile), Disagreement("LINQ over objects", rule, profile, expected, clock));
                Assert.True(expected == onRows(row), Disagreement("LINQ over rows", rule, profile, expected, clock));
            }
        });

    private static string Disagreement(string target, Rule rule, TestProfile profile, bool expected, RuleClock clock) =>
        $"{target} disagrees with the reference ({(expected ? "member" : "not a member")})\nrule: {rule.ToCanonicalString()}\nprofile: {profile}\n{rule.Explain(profile.ToRow(), clock)}";
}
