using Cdp.Rules.Lowering;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.Syntax;

/// <summary>The small contracts of the public syntax and lowering types that a tree built in code relies on, and how profile values of other CLR types are read.</summary>
public class NodeContractTests
{
    private static readonly TextSpan At = new(0, 0);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_logical_chain_of_fewer_than_two_operands_is_refused(int count)
    {
        var operands = Enumerable.Range(0, count).Select(i => (RuleNode)new MetricNode(At, $"m{i}")).ToList();

        var refused = Assert.Throws<ArgumentException>(() => new LogicalNode(At, LogicalOperator.And, operands));

        Assert.Equal("operands", refused.ParamName);
        Assert.StartsWith("A logical chain needs at least two operands.", refused.Message);
    }

    [Fact]
    public void Negate_if_swaps_true_and_false_only_when_asked()
    {
        var pair = new TruthPair<string>("t", "f");

        Assert.Equal(new TruthPair<string>("f", "t"), pair.NegateIf(true));
        Assert.Equal(pair, pair.NegateIf(false));
    }

    [Fact]
    public void A_null_literal_is_written_null() =>
        Assert.Equal("x IS NULL OR x = NULL", new LogicalNode(At, LogicalOperator.Or,
        [
            new IsNullNode(At, new MetricNode(At, "x"), negated: false),
            new ComparisonNode(At, ComparisonOperator.Equal, new MetricNode(At, "x"), new LiteralNode(At, LiteralKind.Null, null)),
        ]).ToString());

    [Fact]
    public void A_list_of_other_values_is_read_as_their_texts_and_a_value_of_the_wrong_type_is_refused()
    {
        var catalog = new MetricCatalog([new("tags", MetricType.TextList, ""), new("visits", MetricType.Int, "")]);
        var clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
        var has = Rule.Parse("tags HAS '7' AND tags HAS ''", catalog).Rule!;
        var visits = Rule.Parse("visits > 1", catalog).Rule!;

        Assert.Equal(TruthValue.True, has.Evaluate(new Dictionary<string, object?> { ["tags"] = new System.Collections.ArrayList { 7, null } }, clock));
        var refused = Assert.Throws<ArgumentException>(() => visits.Evaluate(new Dictionary<string, object?> { ["visits"] = "many" }, clock));
        Assert.StartsWith("an int metric cannot hold a value of type String (many)", refused.Message);
    }
}
