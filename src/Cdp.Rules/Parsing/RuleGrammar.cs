using Cdp.Rules.Syntax;
using Sprache;
using static Cdp.Rules.Parsing.Tokens;

namespace Cdp.Rules.Parsing;

/// <summary>
/// The grammar of docs/rule-language.md in Sprache. Chains are read with XMany and folded, never by
/// recursion, so a long flat rule costs no stack; nesting is bounded by <see cref="RuleScanner"/> first.
/// </summary>
internal static class RuleGrammar
{
    private static readonly Parser<LiteralNode> KeywordLiteral =
        Keyword("TRUE").Select(span => new LiteralNode(span, LiteralKind.Boolean, true))
            .XOr(Keyword("FALSE").Select(span => new LiteralNode(span, LiteralKind.Boolean, false)))
            .XOr(Keyword("NULL").Select(span => new LiteralNode(span, LiteralKind.Null, null)));

    private static readonly Parser<LiteralNode> Literal = Numeric.XOr(Text).XOr(KeywordLiteral);

    /// <summary>A literal, where a list or HAS admits a minus sign before a number.</summary>
    private static readonly Parser<LiteralNode> SignedLiteral =
        (from minus in Symbol("-")
         from number in Numeric.Where(n => n.Kind is LiteralKind.Integer or LiteralKind.Decimal or LiteralKind.Duration)
         select Negative(minus, number))
        .XOr(Literal);

    private static readonly Parser<RuleNode> OrRef = Packrat.Ref(() => Or);
    private static readonly Parser<RuleNode> SumRef = Packrat.Ref(() => Sum);
    private static readonly Parser<RuleNode> FactorRef = Packrat.Ref(() => Factor);
    private static readonly Parser<RuleNode> UnaryRef = Packrat.Ref(() => Unary);

    private static readonly Parser<(List<RuleNode> Arguments, TextSpan Close)> ArgumentList =
        from open in Symbol("(")
        from first in SumRef.XOptional()
        from rest in (from comma in Symbol(",") from argument in SumRef select argument).XMany()
        from close in Symbol(")")
        select (first.IsDefined ? rest.Prepend(first.Get()).ToList() : [], close);

    private static readonly Parser<RuleNode> NameOrCall =
        from name in Identifier
        from call in Aggregates.Call(name).XOr(ArgumentList.Select(list => Call(name, list)).XOptional().Select(c => c.GetOrDefault()))
        select call ?? new MetricNode(name.Span, name.Name);

    /// <summary>A call of a function; <c>in_segment('name')</c> is a segment reference (v2).</summary>
    private static RuleNode Call((string Name, TextSpan Span) name, (List<RuleNode> Arguments, TextSpan Close) call) =>
        string.Equals(name.Name, "in_segment", StringComparison.OrdinalIgnoreCase) && call.Arguments is [LiteralNode { Kind: LiteralKind.Text, Value: string segment } literal]
            ? new InSegmentNode(TextSpan.Cover(name.Span, call.Close), segment, literal.Span)
            : new FunctionNode(TextSpan.Cover(name.Span, call.Close), name.Name, call.Arguments);

    /// <summary>A condition, for the WHERE of an aggregate.</summary>
    internal static readonly Parser<RuleNode> Condition = OrRef;

    /// <summary>An expression, for the SINCE of an aggregate.</summary>
    internal static readonly Parser<RuleNode> Expression = SumRef;

    private static readonly Parser<RuleNode> Parenthesised =
        from open in Symbol("(")
        from inner in OrRef
        from close in Symbol(")")
        select inner;

    private static readonly Parser<RuleNode> Atom = Literal.Select(l => (RuleNode)l).XOr(NameOrCall).XOr(Parenthesised);

    private static readonly Parser<RuleNode> Factor =
        (from minus in Symbol("-")
         from operand in FactorRef
         select (RuleNode)new NegateNode(TextSpan.Cover(minus, operand.Span), operand))
        .XOr(Atom);

    private static readonly Parser<RuleNode> Product = LeftChain(Factor,
        Symbol("*").Select(_ => ArithmeticOperator.Multiply).XOr(Symbol("/").Select(_ => ArithmeticOperator.Divide)));

    private static readonly Parser<RuleNode> Sum = LeftChain(Product,
        Symbol("+").Select(_ => ArithmeticOperator.Add).XOr(Symbol("-").Select(_ => ArithmeticOperator.Subtract)));

    private static readonly Parser<ComparisonOperator> ComparisonOperator =
        Symbol("<=").Select(_ => Syntax.ComparisonOperator.LessOrEqual)
            .XOr(Symbol(">=").Select(_ => Syntax.ComparisonOperator.GreaterOrEqual))
            .XOr(Symbol("<>").Select(_ => Syntax.ComparisonOperator.NotEqual))
            .XOr(Symbol("!=").Select(_ => Syntax.ComparisonOperator.NotEqual))
            .XOr(Symbol("<").Select(_ => Syntax.ComparisonOperator.Less))
            .XOr(Symbol(">").Select(_ => Syntax.ComparisonOperator.Greater))
            .XOr(Symbol("=").Select(_ => Syntax.ComparisonOperator.Equal));

    private static readonly Parser<Func<RuleNode, RuleNode>> ComparisonTail =
        from op in ComparisonOperator
        from right in Sum
        select (Func<RuleNode, RuleNode>)(left => new ComparisonNode(TextSpan.Cover(left.Span, right.Span), op, left, right));

    // Two alternatives rather than an optional NOT, so that a rule ending in `IS` hears that NOT or NULL may follow.
    private static readonly Parser<Func<RuleNode, RuleNode>> IsNullTail =
        from @is in Keyword("IS")
        from tail in (from not in Keyword("NOT") from @null in Keyword("NULL") select (Negated: true, End: @null))
            .XOr(from @null in Keyword("NULL") select (Negated: false, End: @null))
        select (Func<RuleNode, RuleNode>)(left => new IsNullNode(TextSpan.Cover(left.Span, tail.End), left, tail.Negated));

    /// <summary>
    /// IN of a list, never of an aggregate's window: before LAST it fails without consuming, so that
    /// <c>WHERE (x IS NULL) IN LAST 7d</c> leaves the window to the aggregate (found by the generated v2 rules).
    /// </summary>
    private static readonly Parser<TextSpan> InList = input =>
    {
        var word = Keyword("IN")(input);
        return word.WasSuccessful && Keyword("LAST")(word.Remainder).WasSuccessful
            ? Result.Failure<TextSpan>(input, "IN", ["IN"])
            : word;
    };

    private static readonly Parser<Func<RuleNode, bool, RuleNode>> InTail =
        from @in in InList
        from open in Symbol("(")
        from first in SignedLiteral
        from rest in (from comma in Symbol(",") from item in SignedLiteral select item).XMany()
        from close in Symbol(")")
        select (Func<RuleNode, bool, RuleNode>)((left, negated) =>
            new InNode(TextSpan.Cover(left.Span, close), left, rest.Prepend(first).ToList(), negated));

    private static readonly Parser<Func<RuleNode, bool, RuleNode>> BetweenTail =
        from between in Keyword("BETWEEN")
        from low in Sum
        from and in Keyword("AND")
        from high in Sum
        select (Func<RuleNode, bool, RuleNode>)((left, negated) =>
            new BetweenNode(TextSpan.Cover(left.Span, high.Span), left, low, high, negated));

    private static readonly Parser<TextMatchKind> TextMatchOperator =
        Keyword("CONTAINS").Select(_ => TextMatchKind.Contains)
            .XOr(from starts in Keyword("STARTS") from with in Keyword("WITH") select TextMatchKind.StartsWith)
            .XOr(from ends in Keyword("ENDS") from with in Keyword("WITH") select TextMatchKind.EndsWith);

    private static readonly Parser<Func<RuleNode, bool, RuleNode>> TextMatchTail =
        from kind in TextMatchOperator
        from pattern in Text
        select (Func<RuleNode, bool, RuleNode>)((left, negated) =>
            new TextMatchNode(TextSpan.Cover(left.Span, pattern.Span), kind, left, pattern, negated));

    private static readonly Parser<Func<RuleNode, bool, RuleNode>> HasTail =
        from has in Keyword("HAS")
        from item in SignedLiteral
        select (Func<RuleNode, bool, RuleNode>)((left, negated) =>
            new HasNode(TextSpan.Cover(left.Span, item.Span), left, item, negated));

    private static readonly Parser<Func<RuleNode, RuleNode>> NegatableTail =
        from not in Keyword("NOT").XOptional()
        from tail in InTail.XOr(BetweenTail).XOr(TextMatchTail).XOr(HasTail)
        select (Func<RuleNode, RuleNode>)(left => tail(left, not.IsDefined));

    private static readonly Parser<RuleNode> Predicate =
        from left in Sum
        from tail in ComparisonTail.XOr(IsNullTail).XOr(NegatableTail).XOptional()
        select tail.IsDefined ? tail.Get()(left) : left;

    private static readonly Parser<RuleNode> Unary =
        (from not in Keyword("NOT")
         from operand in UnaryRef
         select (RuleNode)new NotNode(TextSpan.Cover(not, operand.Span), operand))
        .XOr(Predicate);

    private static readonly Parser<RuleNode> And = LogicalChain(Unary, "AND", LogicalOperator.And);

    private static readonly Parser<RuleNode> Or = LogicalChain(And, "OR", LogicalOperator.Or);

    public static readonly Parser<RuleNode> Rule =
        from rule in Or
        from end in EndOfRule
        select rule;

    private static LiteralNode Negative(TextSpan minus, LiteralNode number) => new(
        TextSpan.Cover(minus, number.Span),
        number.Kind,
        number.Value switch
        {
            long integer => -integer,
            decimal value => -value,
            Duration duration => duration with { Amount = -duration.Amount },
            var other => other,
        });

    private static Parser<RuleNode> LeftChain(Parser<RuleNode> operand, Parser<ArithmeticOperator> op) =>
        from first in operand
        from rest in (from o in op from right in operand select (o, right)).XMany()
        select rest.Aggregate(first, (left, next) =>
            new ArithmeticNode(TextSpan.Cover(left.Span, next.right.Span), next.o, left, next.right));

    private static Parser<RuleNode> LogicalChain(Parser<RuleNode> operand, string keyword, LogicalOperator op) =>
        from first in operand
        from rest in (from k in Keyword(keyword) from next in operand select next).XMany()
        select rest.Any()
            ? new LogicalNode(TextSpan.Cover(first.Span, rest.Last().Span), op, rest.Prepend(first).ToList())
            : first;
}
