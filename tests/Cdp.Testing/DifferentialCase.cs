using Cdp.Rules.Syntax;
using FsCheck;
using FsCheck.Fluent;

namespace Cdp.Testing;

/// <summary>A generated rule and a generated table of profiles, with a shrinker towards a small counterexample.</summary>
public sealed record DifferentialCase(RuleNode Tree, TestProfile[] Profiles)
{
    public string Text => RulePrinter.Print(Tree);

    public override string ToString() => $"rule: {Text}\nprofiles ({Profiles.Length}):\n" + string.Join("\n", Profiles.Take(5).Select(p => "  " + p));

    public static Arbitrary<DifferentialCase> Arbitrary(int profiles) => Arb.From(
        from tree in RuleGenerators.Rule
        from table in RuleGenerators.Profiles(profiles)
        select new DifferentialCase(tree, table),
        Shrink);

    /// <summary>Smaller cases: one profile at a time, then each sub-condition of the rule.</summary>
    private static IEnumerable<DifferentialCase> Shrink(DifferentialCase failing)
    {
        if (failing.Profiles.Length > 1)
        {
            foreach (var profile in failing.Profiles)
            {
                yield return failing with { Profiles = [profile] };
            }
        }

        if (failing.Tree is LogicalNode or NotNode)
        {
            foreach (var child in SyntaxChildren.Of(failing.Tree))
            {
                yield return failing with { Tree = child };
            }
        }
    }
}
