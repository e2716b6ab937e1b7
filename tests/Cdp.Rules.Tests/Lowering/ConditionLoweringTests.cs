using Cdp.Rules.Lowering;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.Lowering;

/// <summary>
/// The one lowering stage: negated predicates become NOT of the positive one, BETWEEN two comparisons joined by
/// AND, with spans kept and types known; and a target written on the public API alone (a text target here, as a
/// third party would write one) gets three-valued logic right by implementing only its predicates and values.
/// </summary>
public class ConditionLoweringTests
{
    private static Rule Parse(string text) => Rule.Parse(text, TestCatalog.Instance).Rule ?? throw new InvalidOperationException(text);

    [Theory]
    [InlineData("visits NOT IN (1, 2)", "NOT visits IN (1, 2)")]
    [InlineData("brand NOT CONTAINS 'a'", "NOT brand CONTAINS 'a'")]
    [InlineData("tags NOT HAS 'a'", "NOT tags HAS 'a'")]
    [InlineData("seen_at IS NOT NULL", "NOT seen_at IS NULL")]
    [InlineData("visits BETWEEN 1 AND orders", "visits >= 1 AND visits <= orders")]
    [InlineData("visits NOT BETWEEN 1 AND 3", "NOT (visits >= 1 AND visits <= 3)")]
    [InlineData("visits > 1", "visits > 1")]
    public void Negations_and_between_lower_to_the_positive_forms(string text, string lowered)
    {
        var rule = Parse(text);
        var node = ConditionLowering.Lower(rule.Syntax);
        Assert.Equal(lowered, RulePrinter.Print(node));
        Assert.Equal(rule.Syntax.Span, node.Span);
        Assert.Equal(MetricType.Bool, rule.TypeOf(node)); // new condition nodes have a type without the checker's table
        Assert.Same(node, ConditionLowering.Lower(node)); // nothing left to lower
    }

    [Theory]
    [InlineData("visits NOT IN (1, 2)", "(visits in [1,2]) is FALSE", "(visits in [1,2]) is TRUE")]
    [InlineData("NOT (visits BETWEEN 1 AND 3) OR active", "any(any((visits >= 1) is FALSE, (visits <= 3) is FALSE), active is TRUE)", "all(all((visits >= 1) is TRUE, (visits <= 3) is TRUE), active is FALSE)")]
    [InlineData("TRUE AND brand IS NOT NULL", "all(TRUE, (brand is null) is FALSE)", "any(FALSE, (brand is null) is TRUE)")]
    public void A_target_of_ones_own_implements_predicates_only(string text, string isTrue, string isFalse)
    {
        var rule = Parse(text);
        var pair = new TextTarget(rule).Condition(rule.Syntax);
        Assert.Equal(isTrue, pair.IsTrue);
        Assert.Equal(isFalse, pair.IsFalse);
    }

    /// <summary>A target that writes conditions as text, built on the public API only.</summary>
    private sealed class TextTarget(Rule rule) : ConditionCompiler<string>
    {
        protected override string Constant(bool value) => value ? "TRUE" : "FALSE";

        protected override string All(IEnumerable<string> conditions) => $"all({string.Join(", ", conditions)})";

        protected override string Any(IEnumerable<string> conditions) => $"any({string.Join(", ", conditions)})";

        protected override TruthPair<string> FromValue(string value) => new($"{value} is TRUE", $"{value} is FALSE");

        protected override string ToValue(TruthPair<string> condition) => $"value({condition.IsTrue})";

        private static TruthPair<string> Predicate(string text) => new($"({text}) is TRUE", $"({text}) is FALSE");

        protected override TruthPair<string> Compare(ComparisonNode node) => Predicate($"{Visit(node.Left)} {node.Operator.Symbol()} {Visit(node.Right)}");

        protected override TruthPair<string> In(InNode node) => Predicate($"{Visit(node.Operand)} in [{string.Join(",", node.Items.Select(Visit))}]");

        protected override TruthPair<string> IsNull(IsNullNode node) => Predicate($"{Visit(node.Operand)} is null");

        protected override TruthPair<string> TextMatch(TextMatchNode node) => Predicate($"{Visit(node.Operand)} {node.Kind} {Visit(node.Pattern)}");

        protected override TruthPair<string> Has(HasNode node) => Predicate($"{Visit(node.Operand)} has {Visit(node.Item)}");

        public override string VisitLiteral(LiteralNode node) => Convert.ToString(node.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

        public override string VisitMetric(MetricNode node) => rule.Metrics.Single(m => m.Name == node.Name).Name;

        public override string VisitFunction(FunctionNode node) => node.Name;

        public override string VisitAggregate(AggregateNode node) => rule.DerivedOf(node).Name;

        public override string VisitInSegment(InSegmentNode node) => rule.DerivedOf(node).Name;

        public override string VisitNegate(NegateNode node) => "-" + Visit(node.Operand);

        public override string VisitArithmetic(ArithmeticNode node) => $"({Visit(node.Left)} op {Visit(node.Right)})";
    }
}
