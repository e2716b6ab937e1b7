using System.Text;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Syntax;

/// <summary>
/// The canonical text of a tree: upper-case keywords, single-quoted text, one space around operators,
/// and exactly the parentheses the tree needs, so that parsing the output gives the same tree.
/// </summary>
internal sealed class RulePrinter : RuleVisitor<string>
{
    private static readonly RulePrinter Instance = new(null);

    private readonly IReadOnlyDictionary<RuleNode, string>? _names;

    private RulePrinter(IReadOnlyDictionary<RuleNode, string>? names) => _names = names;

    public static string Print(RuleNode node) => Instance.Visit(node);

    /// <summary>The canonical text, with each of <paramref name="names"/>' nodes written as its name (a computed metric's expression as the metric).</summary>
    public static string Print(RuleNode node, IReadOnlyDictionary<RuleNode, string> names) =>
        names.Count == 0 ? Print(node) : new RulePrinter(names).Text(node);

    private string Text(RuleNode node) => _names is not null && _names.TryGetValue(node, out var name) ? name : Visit(node);

    public override string VisitLiteral(LiteralNode node) => LiteralText.Format(node);

    public override string VisitMetric(MetricNode node) => node.Name;

    public override string VisitFunction(FunctionNode node) =>
        node.Name + "(" + string.Join(", ", node.Arguments.Select(a => Operand(a, Precedence.Sum))) + ")";

    // An operand that binds less, or starts with a minus itself (a negation, a negative literal of a tree built in code):
    // "--" would start a comment.
    public override string VisitNegate(NegateNode node) =>
        "-" + (_names?.ContainsKey(node.Operand) != true && Precedence.Of(node.Operand) <= Precedence.Negate ? "(" + Visit(node.Operand) + ")" : Text(node.Operand));

    public override string VisitArithmetic(ArithmeticNode node)
    {
        var precedence = Precedence.Of(node);
        var symbol = node.Operator.Symbol();
        return Operand(node.Left, precedence) + " " + symbol + " " + Operand(node.Right, precedence + 1);
    }

    public override string VisitComparison(ComparisonNode node) =>
        Operand(node.Left, Precedence.Sum) + " " + node.Operator.Symbol() + " " + Operand(node.Right, Precedence.Sum);

    public override string VisitLogical(LogicalNode node)
    {
        var precedence = Precedence.Of(node);
        var word = node.Operator == LogicalOperator.And ? " AND " : " OR ";
        var builder = new StringBuilder();
        for (var i = 0; i < node.Operands.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(word);
            }

            var operand = node.Operands[i];
            var same = operand is LogicalNode inner && inner.Operator == node.Operator;
            builder.Append(same && _names?.ContainsKey(operand) != true ? "(" + Visit(operand) + ")" : Operand(operand, precedence));
        }

        return builder.ToString();
    }

    public override string VisitNot(NotNode node) => "NOT " + Operand(node.Operand, Precedence.Not);

    public override string VisitIn(InNode node) =>
        Operand(node.Operand, Precedence.Sum) + (node.Negated ? " NOT IN (" : " IN (")
        + string.Join(", ", node.Items.Select(LiteralText.Format)) + ")";

    public override string VisitBetween(BetweenNode node) =>
        Operand(node.Operand, Precedence.Sum) + (node.Negated ? " NOT BETWEEN " : " BETWEEN ")
        + Operand(node.Low, Precedence.Sum) + " AND " + Operand(node.High, Precedence.Sum);

    public override string VisitIsNull(IsNullNode node) =>
        Operand(node.Operand, Precedence.Sum) + (node.Negated ? " IS NOT NULL" : " IS NULL");

    public override string VisitTextMatch(TextMatchNode node) =>
        Operand(node.Operand, Precedence.Sum) + (node.Negated ? " NOT " : " ") + node.Kind switch
        {
            TextMatchKind.Contains => "CONTAINS ",
            TextMatchKind.StartsWith => "STARTS WITH ",
            _ => "ENDS WITH ",
        } + LiteralText.Format(node.Pattern);

    public override string VisitHas(HasNode node) =>
        Operand(node.Operand, Precedence.Sum) + (node.Negated ? " NOT HAS " : " HAS ") + LiteralText.Format(node.Item);

    /// <summary>
    /// One spelling per aggregate, its identity: function words and clauses upper case, the kind's and the field's
    /// names lower case, the window last (<c>COUNT(DISTINCT user_session OF events WHERE price > 0 IN LAST 7d)</c>).
    /// </summary>
    public override string VisitAggregate(AggregateNode node)
    {
        var builder = new StringBuilder(node.Function switch
        {
            AggregateFunction.CountDistinct => "COUNT(DISTINCT ",
            var function => function.ToString().ToUpperInvariant() + "(",
        });
        if (node.Field is { } field)
        {
            builder.Append(field.ToLowerInvariant()).Append(" OF ");
        }

        builder.Append(EventKinds.TryParse(node.KindName, out var kind) ? kind.Word() : node.KindName);
        if (node.Where is { } where)
        {
            builder.Append(" WHERE ").Append(Visit(where));
        }

        if (node.Last is { } last)
        {
            builder.Append(" IN LAST ").Append(LiteralText.Format(last));
        }
        else if (node.Since is { } since)
        {
            builder.Append(" SINCE ").Append(Operand(since, Precedence.Sum));
        }

        return builder.Append(')').ToString();
    }

    public override string VisitInSegment(InSegmentNode node) => "in_segment(" + LiteralText.Quote(node.Segment) + ")";

    private string Operand(RuleNode node, int minimum) =>
        _names?.ContainsKey(node) == true ? Text(node) : Precedence.Of(node) < minimum ? "(" + Visit(node) + ")" : Visit(node);
}
