namespace Cdp.Rules.Syntax;

/// <summary>
/// The transformer base for every pass and compile target: one abstract method per node type,
/// so a new node type cannot be forgotten by any target.
/// </summary>
public abstract class RuleVisitor<TResult>
{
    /// <summary>Visits any node.</summary>
    public TResult Visit(RuleNode node) => node.Accept(this);

    /// <summary>A literal value.</summary>
    public abstract TResult VisitLiteral(LiteralNode node);
    /// <summary>A metric of the catalog.</summary>
    public abstract TResult VisitMetric(MetricNode node);
    /// <summary>A function call.</summary>
    public abstract TResult VisitFunction(FunctionNode node);
    /// <summary>Unary minus.</summary>
    public abstract TResult VisitNegate(NegateNode node);
    /// <summary>+, -, *, /.</summary>
    public abstract TResult VisitArithmetic(ArithmeticNode node);
    /// <summary>=, !=, &lt;, &lt;=, &gt;, &gt;=.</summary>
    public abstract TResult VisitComparison(ComparisonNode node);
    /// <summary>AND or OR over two or more operands.</summary>
    public abstract TResult VisitLogical(LogicalNode node);
    /// <summary>NOT.</summary>
    public abstract TResult VisitNot(NotNode node);
    /// <summary>[NOT] IN (...).</summary>
    public abstract TResult VisitIn(InNode node);
    /// <summary>[NOT] BETWEEN low AND high.</summary>
    public abstract TResult VisitBetween(BetweenNode node);
    /// <summary>IS [NOT] NULL.</summary>
    public abstract TResult VisitIsNull(IsNullNode node);
    /// <summary>[NOT] CONTAINS / STARTS WITH / ENDS WITH.</summary>
    public abstract TResult VisitTextMatch(TextMatchNode node);
    /// <summary>[NOT] HAS on a list metric.</summary>
    public abstract TResult VisitHas(HasNode node);
    /// <summary>An event aggregate (v2).</summary>
    public abstract TResult VisitAggregate(AggregateNode node);
    /// <summary><c>in_segment('name')</c> (v2).</summary>
    public abstract TResult VisitInSegment(InSegmentNode node);
}
