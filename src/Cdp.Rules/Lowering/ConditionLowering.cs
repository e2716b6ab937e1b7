using Cdp.Rules.Syntax;

namespace Cdp.Rules.Lowering;

/// <summary>
/// The one lowering of conditions every target may run before compiling, so no target re-expresses them: a
/// negated predicate (<c>x NOT IN (...)</c>, <c>NOT BETWEEN</c>, <c>IS NOT NULL</c>, <c>NOT CONTAINS</c> and friends,
/// <c>NOT HAS</c>) becomes <c>NOT</c> of the positive one, and <c>x BETWEEN a AND b</c> becomes
/// <c>x &gt;= a AND x &lt;= b</c> (the same value under three-valued logic). New nodes keep the span of the node they
/// replace, and every node they add is a condition, whose type a <see cref="Rule"/> knows without its side table.
/// </summary>
public static class ConditionLowering
{
    /// <summary>The node with its top-level negated predicate or BETWEEN lowered (its operands untouched), or the node itself.</summary>
    public static RuleNode Step(RuleNode node) => node switch
    {
        InNode { Negated: true } n => new NotNode(n.Span, new InNode(n.Span, n.Operand, n.Items, negated: false)),
        IsNullNode { Negated: true } n => new NotNode(n.Span, new IsNullNode(n.Span, n.Operand, negated: false)),
        TextMatchNode { Negated: true } n => new NotNode(n.Span, new TextMatchNode(n.Span, n.Kind, n.Operand, n.Pattern, negated: false)),
        HasNode { Negated: true } n => new NotNode(n.Span, new HasNode(n.Span, n.Operand, n.Item, negated: false)),
        BetweenNode { Negated: true } n => new NotNode(n.Span, new BetweenNode(n.Span, n.Operand, n.Low, n.High, negated: false)),
        BetweenNode n => new LogicalNode(n.Span, LogicalOperator.And,
        [
            new ComparisonNode(n.Span, ComparisonOperator.GreaterOrEqual, n.Operand, n.Low),
            new ComparisonNode(n.Span, ComparisonOperator.LessOrEqual, n.Operand, n.High),
        ]),
        _ => node,
    };

    /// <summary>The node lowered until no step applies at its top (a NOT BETWEEN takes two steps).</summary>
    public static RuleNode Lower(RuleNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        for (var next = Step(node); !ReferenceEquals(next, node); next = Step(node))
        {
            node = next is NotNode not ? new NotNode(not.Span, Lower(not.Operand)) : next;
        }

        return node;
    }
}
