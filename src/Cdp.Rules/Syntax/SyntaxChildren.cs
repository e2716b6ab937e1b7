namespace Cdp.Rules.Syntax;

/// <summary>The direct children of a node, in source order.</summary>
public static class SyntaxChildren
{
    /// <summary>Lists the children of <paramref name="node"/>.</summary>
    public static IReadOnlyList<RuleNode> Of(RuleNode node) => node switch
    {
        LiteralNode or MetricNode => [],
        FunctionNode f => f.Arguments,
        NegateNode n => [n.Operand],
        ArithmeticNode a => [a.Left, a.Right],
        ComparisonNode c => [c.Left, c.Right],
        LogicalNode l => l.Operands,
        NotNode n => [n.Operand],
        InNode i => [i.Operand, .. i.Items],
        BetweenNode b => [b.Operand, b.Low, b.High],
        IsNullNode i => [i.Operand],
        TextMatchNode t => [t.Operand, t.Pattern],
        HasNode h => [h.Operand, h.Item],
        AggregateNode a => [.. new[] { a.Where, a.Last, a.Since }.OfType<RuleNode>()],
        InSegmentNode => [],
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "unknown node type"),
    };
}
