using Cdp.Rules.Backends.Tests.Engines;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cdp.Rules.Backends.Tests.EntityFramework;

/// <summary>
/// One rule, one meaning through EF Core: for generated rules over generated profiles stored by EF Core, a
/// rule the target accepts selects exactly the reference evaluator's customers, on SQLite and on a PostgreSQL
/// database with a linguistic collation and a far time zone; a rule it refuses gets diagnostics that name the
/// construct and the provider, never a query that throws. FsCheck gives up (and fails) when the target
/// refuses most rules, so refusing cannot stand in for translating.
/// </summary>
public class EfCoreProperties(EfCoreEnginesFixture engines) : IClassFixture<EfCoreEnginesFixture>
{
    [ScaledProperty(300)]
    public Property Sqlite_selects_the_reference_members() => SameMembers(engines.Sqlite);

    [ScaledProperty(300)]
    public Property PostgreSql_selects_the_reference_members() => SameMembers(engines.PostgreSql);

    [ScaledProperty(300)]
    public Property Sqlite_refuses_only_with_diagnostics_naming_the_construct() => RefusalsSayWhat(engines.Sqlite);

    [ScaledProperty(300)]
    public Property PostgreSql_refuses_only_with_diagnostics_naming_the_construct() => RefusalsSayWhat(engines.PostgreSql);

    /// <summary>The share of generated rules each provider runs (the rest are refused): refusing must stay the exception.</summary>
    [Theory]
    [InlineData("SQLite", 0.80)]
    [InlineData("PostgreSQL", 0.90)]
    public void Most_generated_rules_translate(string provider, double share)
    {
        var engine = provider == "SQLite" ? engines.Sqlite : engines.PostgreSql;
        var rules = RuleGenerators.Rule.Sample(1000, 30).Select(node => Rule.Parse(Cdp.Rules.Syntax.RulePrinter.Print(node), TestCatalog.Instance).Rule!).ToList();
        var translated = rules.Count(rule => engine.Refusals(rule, ValuePools.Clock).Count == 0);
        Assert.True(translated >= share * rules.Count, $"{engine.Name} translates {translated} of {rules.Count} generated rules");
    }

    [Theory]
    [InlineData("-(now() - 2019-10-01T12:00:00Z) >= tenure")] // minus 36 hours, folded from the clock
    [InlineData("tenure <= -36h")]
    [InlineData("tenure > -49h AND tenure < -25h")]
    public void A_negative_duration_of_a_day_and_more_keeps_its_sign(string text)
    {
        // The property's find: Npgsql wrote minus 36 hours as INTERVAL '-1 12:00:00', which PostgreSQL reads as minus
        // one day plus twelve hours, so tenure = -1d was selected. Now it travels as a parameter. (SQLite refuses
        // stored durations.)
        TestProfile[] profiles =
        [
            new() { Id = 1, Tenure = TimeSpan.FromDays(-1) }, new() { Id = 2, Tenure = TimeSpan.FromHours(-36) },
            new() { Id = 3, Tenure = TimeSpan.FromHours(-24.5) }, new() { Id = 4, Tenure = TimeSpan.FromDays(-2) }, new() { Id = 5 },
        ];
        var rule = Rule.Parse(text, TestCatalog.Instance).Rule!;
        var expected = profiles.Where(p => rule.Evaluate(p.ToRow(), ValuePools.Clock) == TruthValue.True).Select(p => p.Id).ToList();
        Assert.NotEmpty(expected);
        engines.PostgreSql.Load(profiles);
        Assert.Empty(engines.PostgreSql.Refusals(rule, ValuePools.Clock));
        Assert.Equal(expected, engines.PostgreSql.Select(rule, ValuePools.Clock));
        Assert.DoesNotContain("INTERVAL '-", engines.PostgreSql.Sql(rule, ValuePools.Clock), StringComparison.Ordinal);
    }

    private static Property SameMembers(EfCoreEngine engine) =>
        Differential.SameMembers(engine, rule => engine.Sql(rule, ValuePools.Clock), rule => engine.Refusals(rule, ValuePools.Clock).Count == 0);

    private static Property RefusalsSayWhat(EfCoreEngine engine) =>
        Prop.ForAll(RuleGenerators.Rule.ToArbitrary(), node =>
        {
            var text = Cdp.Rules.Syntax.RulePrinter.Print(node);
            var rule = Rule.Parse(text, TestCatalog.Instance).Rule!;
            foreach (var diagnostic in engine.Refusals(rule, ValuePools.Clock))
            {
                Assert.Equal(DiagnosticCodes.Target, diagnostic.Code);
                Assert.Contains(engine.Name, diagnostic.Message, StringComparison.Ordinal);
                Assert.False(string.IsNullOrEmpty(diagnostic.Found), diagnostic.Message);
                Assert.Equal(diagnostic.Found, rule.Text.Substring(diagnostic.Span.Start, diagnostic.Span.Length));
            }
        });
}
