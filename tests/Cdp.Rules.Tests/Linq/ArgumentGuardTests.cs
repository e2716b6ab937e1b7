using System.Linq.Expressions;
using System.Reflection;
using Cdp.Rules.Lowering;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.Linq;

/// <summary>
/// Every public way into the package refuses a null argument at once, naming the parameter, instead of failing later
/// with a NullReferenceException deep inside (or, worse, with another parameter's name).
/// </summary>
public class ArgumentGuardTests
{
    private static readonly MetricCatalog Catalog = new([new("visits", MetricType.Int, ""), new("seen_at", MetricType.Timestamp, "")]);
    private static readonly Rule Rule = Rule.Parse("visits > 3", Catalog).Rule!;
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
    private static readonly Expression Text = Expression.Constant("a");

    public sealed class Profile
    {
        public long? Visits { get; init; }
    }

    public static TheoryData<string, Action> Calls => new()
    {
        { "text", () => Rule.Parse(null!, Catalog) },
        { "catalog", () => Rule.Parse("visits > 3", null!) },
        { "node", () => Rule.DerivedOf(null!) },
        { "profile", () => Rule.Evaluate((IReadOnlyDictionary<string, object?>)null!, Clock) },
        { "profile", () => Rule.Evaluate<Profile>(null!, Clock) },
        { "events", () => Rule.Evaluate(new Dictionary<string, object?>(), null!, Clock) },
        { "events", () => Rule.MatchingEvents(Rule.Syntax, null!, Clock) },
        { "events", () => Rule.ComputeAggregates(null!, Clock) },
        { "rule", () => LinqTarget.ToExpression<Profile>(null!, Clock, LinqQueryDialect.InMemory) },
        { "dialect", () => LinqTarget.ToExpression<Profile>(Rule, Clock, null!) },
        { "rule", () => LinqTarget.Prepare<Profile>(null!) },
        { "rule", () => LinqTarget.ToRowsExpression(null!, Clock) },
        { "time", () => RuleClock.From(null!) },
        { "left", () => LinqQueryDialect.InMemory.CompareText(ComparisonOperator.Less, null!, Text) },
        { "right", () => LinqQueryDialect.InMemory.CompareText(ComparisonOperator.Less, Text, null!) },
        { "value", () => LinqQueryDialect.InMemory.Abs(null!) },
        { "member", () => LinqQueryDialect.InMemory.Timestamp(null!, typeof(Profile).GetProperty(nameof(Profile.Visits))!) },
        { "texts", () => LinqQueryDialect.InMemory.MinMaxText(max: true, null!) },
        { "members", () => MetricMembers.Find<MemberInfo>(null!, m => m, "visits") },
        { "info", () => MetricMembers.Find<MemberInfo>([], null!, "visits") },
        { "metric", () => MetricMembers.Find<MemberInfo>([], m => m, null!) },
        { "node", () => ConditionLowering.Lower(null!) },
        { "operands", () => KleeneLogic.Combine<bool>(LogicalOperator.And, null!, v => v.All(x => x), v => v.Any(x => x)) },
        { "all", () => KleeneLogic.Combine<bool>(LogicalOperator.And, [(true, false)], null!, v => v.Any(x => x)) },
        { "any", () => KleeneLogic.Combine<bool>(LogicalOperator.And, [(true, false)], v => v.All(x => x), null!) },
        { "diagnostics", () => new TargetResult<string>("out", null!) },
        { "name", () => NameSuggestions.Closest(null!, ["visits"]) },
        { "candidates", () => NameSuggestions.Closest("visit", null!) },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void A_null_argument_is_refused_by_its_name(string parameter, Action call) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentNullException>(call).ParamName);

    [Fact]
    public void A_target_result_with_neither_output_nor_diagnostics_is_refused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new TargetResult<string>(null, []));

        Assert.Equal("diagnostics", refused.ParamName);
        Assert.StartsWith("a target result without output needs the diagnostics that say why", refused.Message);
    }

    [Fact]
    public void The_expressions_a_developer_inspects_name_their_parameters_for_what_they_are()
    {
        Assert.Equal("profile", Assert.Single(LinqTarget.ToExpression<Profile>(Rule, Clock, LinqQueryDialect.InMemory).Output!.Parameters).Name);
        Assert.Equal("row", Assert.Single(LinqTarget.ToRowsExpression(Rule, Clock).Parameters).Name);
    }

    [Fact]
    public void A_default_clock_is_refused_by_name()
    {
        var refused = Assert.Throws<ArgumentException>(() => LinqTarget.Prepare<Profile>(Rule).Output!.At(default));

        Assert.Equal("clock", refused.ParamName);
    }

    [Fact]
    public void A_clock_at_a_local_instant_is_at_that_instant_and_an_unspecified_one_is_utc()
    {
        var local = new DateTime(2019, 10, 31, 23, 30, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2019, 10, 31, 23, 30, 0, DateTimeKind.Unspecified);

        Assert.Equal(local.ToUniversalTime(), RuleClock.AtInstant(local).Now);
        Assert.Equal(DateTimeKind.Utc, RuleClock.AtInstant(local).Now.Kind);
        Assert.Equal(new DateTime(2019, 10, 31, 23, 30, 0, DateTimeKind.Utc), RuleClock.AtInstant(unspecified).Now);
        Assert.Equal(DateTimeKind.Utc, RuleClock.AtInstant(unspecified).Now.Kind);
    }

    [Fact]
    public void A_node_of_another_tree_is_refused_by_name()
    {
        var other = Rule.Parse("visits > 4", Catalog).Rule!.Syntax;

        var derived = Assert.Throws<ArgumentException>(() => Rule.DerivedOf(other));
        var matching = Assert.Throws<ArgumentException>(() => Rule.MatchingEvents(other, [], Clock));

        Assert.Equal("node", derived.ParamName);
        Assert.StartsWith("The node is not part of this rule's checked tree.", derived.Message);
        Assert.Equal("aggregate", matching.ParamName);
        Assert.StartsWith("The node is not an aggregate of this rule's checked tree.", matching.Message);
    }
}
