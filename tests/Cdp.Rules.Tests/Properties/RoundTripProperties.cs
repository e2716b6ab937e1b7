using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.Properties;

public class RoundTripProperties
{
    [ScaledProperty(1000)]
    public Property Parsing_the_canonical_text_gives_the_same_tree() =>
        Prop.ForAll(Arb.From(RuleGenerators.Rule), tree =>
        {
            var text = RulePrinter.Print(tree);
            var parsed = Rule.Parse(text, TestCatalog.Instance);
            Assert.True(parsed.Succeeded, $"{text}\n{string.Join("\n", parsed.Diagnostics)}");
            Assert.Equal(SyntaxDump.Of(tree), SyntaxDump.Of(parsed.Rule!.Syntax));
            Assert.Equal(text, parsed.Rule.ToCanonicalString());
        });
}
