using Cdp.Rules.Syntax;

namespace Cdp.Rules.Syntax;

/// <summary>Binding strength of each node as printed, lowest first, matching the grammar.</summary>
internal static class Precedence
{
    public const int Or = 1;
    public const int And = 2;
    public const int Not = 3;
    public const int Predicate = 4;
    public const int Sum = 5;
    public const int Product = 6;
    public const int Negate = 7;
    public const int Atom = 8;

    public static int Of(RuleNode node) => node switch
    {
        LogicalNode { Operator: LogicalOperator.Or } => Or,
        LogicalNode => And,
        NotNode => Not,
        ComparisonNode or InNode or BetweenNode or IsNullNode or TextMatchNode or HasNode => Predicate,
        ArithmeticNode { Operator: ArithmeticOperator.Add or ArithmeticOperator.Subtract } => Sum,
        ArithmeticNode => Product,
        NegateNode => Negate,
        LiteralNode { Value: long and < 0 } or LiteralNode { Value: decimal and < 0 } => Negate,
        LiteralNode { Value: Duration { Amount: < 0 } } => Negate,
        _ => Atom,
    };
}
