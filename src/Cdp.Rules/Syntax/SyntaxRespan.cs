namespace Cdp.Rules.Syntax;

/// <summary>
/// A copy of a tree with every node placed at one span: how a computed metric's expression, parsed from its own
/// text, stands inside a rule at the place its name was written (so every message and every explain line about
/// it points at the name the user wrote).
/// </summary>
internal sealed class SyntaxRespan : RuleVisitor<RuleNode>
{
    private readonly TextSpan _span;

    private SyntaxRespan(TextSpan span) => _span = span;

    public static RuleNode At(RuleNode tree, TextSpan span) => new SyntaxRespan(span).Visit(tree);

    public override RuleNode VisitLiteral(LiteralNode node) => Literal(node);

    public override RuleNode VisitMetric(MetricNode node) => new MetricNode(_span, node.Name);

    public override RuleNode VisitFunction(FunctionNode node) => new FunctionNode(_span, node.Name, [.. node.Arguments.Select(Visit)]);

    public override RuleNode VisitNegate(NegateNode node) => new NegateNode(_span, Visit(node.Operand));

    public override RuleNode VisitArithmetic(ArithmeticNode node) => new ArithmeticNode(_span, node.Operator, Visit(node.Left), Visit(node.Right));

    public override RuleNode VisitComparison(ComparisonNode node) => new ComparisonNode(_span, node.Operator, Visit(node.Left), Visit(node.Right));

    public override RuleNode VisitLogical(LogicalNode node) => new LogicalNode(_span, node.Operator, [.. node.Operands.Select(Visit)]);

    public override RuleNode VisitNot(NotNode node) => new NotNode(_span, Visit(node.Operand));

    public override RuleNode VisitIn(InNode node) => new InNode(_span, Visit(node.Operand), [.. node.Items.Select(Literal)], node.Negated);

    public override RuleNode VisitBetween(BetweenNode node) => new BetweenNode(_span, Visit(node.Operand), Visit(node.Low), Visit(node.High), node.Negated);

    public override RuleNode VisitIsNull(IsNullNode node) => new IsNullNode(_span, Visit(node.Operand), node.Negated);

    public override RuleNode VisitTextMatch(TextMatchNode node) => new TextMatchNode(_span, node.Kind, Visit(node.Operand), Literal(node.Pattern), node.Negated);

    public override RuleNode VisitHas(HasNode node) => new HasNode(_span, Visit(node.Operand), Literal(node.Item), node.Negated);

    public override RuleNode VisitAggregate(AggregateNode node) => new AggregateNode(_span, node.Function, node.Field, node.Field is null ? default : _span,
        node.KindName, _span, node.Where is { } where ? Visit(where) : null, node.Last is { } last ? Literal(last) : null, node.Since is { } since ? Visit(since) : null);

    public override RuleNode VisitInSegment(InSegmentNode node) => new InSegmentNode(_span, node.Segment, _span);

    private LiteralNode Literal(LiteralNode node) => new(_span, node.Kind, node.Value);
}
