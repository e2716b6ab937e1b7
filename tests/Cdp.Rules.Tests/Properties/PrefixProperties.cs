using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.Properties;

/// <summary>
/// What an editor sends while someone types: every prefix of a rule parses to a rule or to diagnostics,
/// never to an exception (the preview benchmark found `sessions_7d &gt; 3 AND (` throwing from the grammar).
/// </summary>
public class PrefixProperties
{
    [ScaledProperty(300)]
    public Property Every_prefix_of_a_rule_gives_a_rule_or_diagnostics() =>
        Prop.ForAll(Arb.From(RuleGenerators.Rule), tree =>
        {
            var text = RulePrinter.Print(tree);
            for (var length = 0; length <= text.Length; length++)
            {
                var prefix = text[..length];
                var parsed = Rule.Parse(prefix, TestCatalog.Instance);
                Assert.True(parsed.Succeeded || parsed.Diagnostics.Count > 0, prefix);
                Assert.All(parsed.Diagnostics, d => Assert.InRange(d.Span.End, 0, prefix.Length));
            }
        });

    [Theory]
    [InlineData("sessions_7d > 3 AND (", 21, "unexpected end of rule")]
    [InlineData("(((", 3, "unexpected end of rule")]
    [InlineData("NOT (a", 6, "")]
    [InlineData("sessions_7d IN (1, ", 19, "unexpected end of rule")]
    [InlineData("coalesce(", 9, "unexpected end of rule")]
    public void An_unfinished_rule_is_a_diagnostic_at_its_end(string text, int start, string message)
    {
        var parsed = Rule.Parse(text, TestCatalog.Instance);
        Assert.False(parsed.Succeeded);
        var first = parsed.Diagnostics[0];
        Assert.Contains(message, first.Message, StringComparison.Ordinal);
        if (message.Length > 0)
        {
            Assert.Equal(start, first.Span.Start);
        }
    }
}
