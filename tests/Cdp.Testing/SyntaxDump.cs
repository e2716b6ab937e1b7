using System.Globalization;
using Cdp.Rules.Syntax;

namespace Cdp.Testing;

/// <summary>
/// An S-expression of a tree that shows every node and the exact kind and value of every literal: two
/// trees are the same when their dumps are, whatever their spans. Independent of the canonical printer,
/// so that it can judge it.
/// </summary>
public sealed class SyntaxDump : RuleVisitor<string>
{
    public static string Of(RuleNode node) => new SyntaxDump().Visit(node);

    public override string VisitLiteral(LiteralNode node) => node.Kind switch
    {
        LiteralKind.Integer => ((long)node.Value!).ToString(CultureInfo.InvariantCulture),
        LiteralKind.Decimal => "dec:" + ((decimal)node.Value!).ToString(CultureInfo.InvariantCulture),
        LiteralKind.Text => "\"" + ((string)node.Value!).Replace("\"", "\\\"").Replace("\n", "\\n") + "\"",
        LiteralKind.Boolean => (bool)node.Value! ? "true" : "false",
        LiteralKind.Null => "null",
        LiteralKind.Date => "date:" + ((DateOnly)node.Value!).ToString("O", CultureInfo.InvariantCulture),
        LiteralKind.Timestamp => "ts:" + ((DateTime)node.Value!).ToString("O", CultureInfo.InvariantCulture),
        _ => "dur:" + node.Value,
    };

    public override string VisitMetric(MetricNode node) => node.Name;

    public override string VisitAggregate(AggregateNode node) =>
        $"(agg {node.Function} {node.Field ?? "-"} {node.KindName}"
        + (node.Where is { } where ? " (where " + Visit(where) + ")" : "")
        + (node.Last is { } last ? " (last " + Visit(last) + ")" : "")
        + (node.Since is { } since ? " (since " + Visit(since) + ")" : "") + ")";

    public override string VisitInSegment(InSegmentNode node) => $"(in_segment \"{node.Segment}\")";

    public override string VisitFunction(FunctionNode node) => $"(call {node.Name}{string.Concat(node.Arguments.Select(a => " " + Visit(a)))})";

    public override string VisitNegate(NegateNode node) => $"(neg {Visit(node.Operand)})";

    public override string VisitArithmetic(ArithmeticNode node) => $"({node.Operator switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        _ => "/",
    }} {Visit(node.Left)} {Visit(node.Right)})";

    public override string VisitComparison(ComparisonNode node) => $"({node.Operator.Symbol()} {Visit(node.Left)} {Visit(node.Right)})";

    public override string VisitLogical(LogicalNode node) =>
        $"({(node.Operator == LogicalOperator.And ? "and" : "or")}{string.Concat(node.Operands.Select(o => " " + Visit(o)))})";

    public override string VisitNot(NotNode node) => $"(not {Visit(node.Operand)})";

    public override string VisitIn(InNode node) =>
        $"({(node.Negated ? "not-in" : "in")} {Visit(node.Operand)}{string.Concat(node.Items.Select(i => " " + Visit(i)))})";

    public override string VisitBetween(BetweenNode node) =>
        $"({(node.Negated ? "not-between" : "between")} {Visit(node.Operand)} {Visit(node.Low)} {Visit(node.High)})";

    public override string VisitIsNull(IsNullNode node) => $"({(node.Negated ? "is-not-null" : "is-null")} {Visit(node.Operand)})";

    public override string VisitTextMatch(TextMatchNode node) =>
        $"({(node.Negated ? "not-" : "")}{node.Kind.ToString().ToLowerInvariant()} {Visit(node.Operand)} {Visit(node.Pattern)})";

    public override string VisitHas(HasNode node) => $"({(node.Negated ? "not-has" : "has")} {Visit(node.Operand)} {Visit(node.Item)})";
}
