using Cdp.Rules.Syntax;
using FsCheck;
using FsCheck.Fluent;

namespace Cdp.Testing;

/// <summary>
/// Generators of well-typed rules over <see cref="TestCatalog"/>: every operator and function, NULL-able
/// metrics, division by zero, hostile text. Trees are in canonical form (catalog spelling, lower-case
/// functions, non-negative literals outside lists), so that printing and parsing them gives them back.
/// </summary>
public static class RuleGenerators
{
    private static readonly TextSpan At = default;
    private static readonly MetricType[] Numerics = [MetricType.Int, MetricType.Money, MetricType.Number];

    public static Gen<RuleNode> Rule => Gen.Sized(size => Condition(Math.Min(4, 1 + size / 25)));

    public static Gen<RuleNode> Condition(int depth)
    {
        var leaves = Gen.OneOf<RuleNode>(Metric(MetricType.Bool), Gen.Elements(true, false).Select(b => Literal(LiteralKind.Boolean, b)));
        if (depth <= 0)
        {
            return Gen.Frequency((1, leaves), (4, Comparison(0)), (1, IsNull(0)), (1, TextMatch(0)), (1, Has()));
        }

        return Gen.Frequency(
            (4, Comparison(depth)),
            (3, Logical(depth)),
            (1, Condition(depth - 1).Select(o => (RuleNode)new NotNode(At, o))),
            (2, In(depth)),
            (1, Between(depth)),
            (1, IsNull(depth)),
            (1, TextMatch(depth)),
            (1, Has()),
            (1, leaves));
    }

    public static Gen<RuleNode> Value(MetricType type, int depth) => type switch
    {
        MetricType.Int or MetricType.Money or MetricType.Number => Numeric(type, depth),
        MetricType.Text => Text(depth),
        MetricType.Date => Gen.OneOf<RuleNode>(Metric(MetricType.Date), Gen.Elements(ValuePools.Dates).Select(d => Literal(LiteralKind.Date, d)), Gen.Constant(Call("today"))),
        MetricType.Timestamp => Timestamp(depth),
        MetricType.Duration => Duration(depth),
        MetricType.Bool => Condition(depth),
        _ => Metric(MetricType.TextList),
    };

    private static Gen<RuleNode> Logical(int depth) =>
        from op in Gen.Elements(LogicalOperator.And, LogicalOperator.Or)
        from count in Gen.Choose(2, 3)
        from operands in Gen.ListOf(Condition(depth - 1), count)
        select (RuleNode)new LogicalNode(At, op, operands.ToList());

    private static Gen<RuleNode> Comparison(int depth) =>
        from domain in Gen.Frequency(
            (5, Gen.Constant(MetricType.Int)), (2, Gen.Constant(MetricType.Text)), (2, Gen.Constant(MetricType.Timestamp)),
            (1, Gen.Constant(MetricType.Date)), (1, Gen.Constant(MetricType.Duration)), (1, Gen.Constant(MetricType.Bool)))
        from pair in OperandPair(domain, depth - 1)
        from op in domain == MetricType.Bool
            ? Gen.Elements(ComparisonOperator.Equal, ComparisonOperator.NotEqual)
            : Gen.Elements(Enum.GetValues<ComparisonOperator>())
        select (RuleNode)new ComparisonNode(At, op, pair.Left, pair.Right);

    /// <summary>Two operands of one comparison domain (numeric stands for all numeric mixes; temporal mixes date and timestamp).</summary>
    private static Gen<(RuleNode Left, RuleNode Right)> OperandPair(MetricType domain, int depth)
    {
        var depthLeft = Math.Max(0, depth);
        Gen<RuleNode> Side() => domain switch
        {
            MetricType.Int => Gen.Elements(Numerics).SelectMany(t => Numeric(t, depthLeft)),
            MetricType.Timestamp => Gen.Frequency((3, Timestamp(depthLeft)), (1, Value(MetricType.Date, depthLeft))),
            _ => Value(domain, depthLeft),
        };
        return Gen.Zip(Side(), Side());
    }

    private static Gen<RuleNode> In(int depth) =>
        from type in Gen.Elements(MetricType.Int, MetricType.Money, MetricType.Number, MetricType.Text, MetricType.Date, MetricType.Timestamp)
        from operand in Value(type, depth - 1)
        from count in Gen.Choose(1, 4)
        from items in Gen.ListOf(ListItem(type), count)
        from negated in Gen.Elements(true, false)
        select (RuleNode)new InNode(At, operand, items.ToList(), negated);

    private static Gen<LiteralNode> ListItem(MetricType type) => type switch
    {
        MetricType.Int or MetricType.Money or MetricType.Number => Gen.OneOf(
            Gen.Elements(ValuePools.Ints).Select(i => Item(LiteralKind.Integer, i)),
            Gen.Elements(ValuePools.Money).Select(m => Item(LiteralKind.Decimal, m)),
            Gen.Elements(ValuePools.Numbers).Select(n => Item(LiteralKind.Decimal, Cdp.Rules.Parsing.Lexeme.WithFraction((decimal)n)))),
        MetricType.Text => TextLiteral(),
        MetricType.Date => Gen.Elements(ValuePools.Dates).Select(d => Item(LiteralKind.Date, d)),
        _ => Gen.Elements(ValuePools.Timestamps).Select(t => Item(LiteralKind.Timestamp, t)),
    };

    private static Gen<RuleNode> Between(int depth) =>
        from domain in Gen.Elements(MetricType.Int, MetricType.Text, MetricType.Timestamp)
        from operand in OperandPair(domain, depth - 1)
        from high in OperandPair(domain, depth - 1)
        from negated in Gen.Elements(true, false)
        select (RuleNode)new BetweenNode(At, operand.Left, operand.Right, high.Left, negated);

    private static Gen<RuleNode> IsNull(int depth) =>
        from type in Gen.Elements(Enum.GetValues<MetricType>())
        from operand in Value(type, Math.Max(0, depth - 1))
        from negated in Gen.Elements(true, false)
        select (RuleNode)new IsNullNode(At, operand, negated);

    private static Gen<RuleNode> TextMatch(int depth) =>
        from kind in Gen.Elements(Enum.GetValues<TextMatchKind>())
        from operand in Text(Math.Max(0, depth - 1))
        from pattern in TextLiteral()
        from negated in Gen.Elements(true, false)
        select (RuleNode)new TextMatchNode(At, kind, operand, pattern, negated);

    private static Gen<RuleNode> Has() =>
        from item in TextLiteral()
        from negated in Gen.Elements(true, false)
        select (RuleNode)new HasNode(At, new MetricNode(At, "tags"), item, negated);

    private static Gen<RuleNode> Numeric(MetricType type, int depth)
    {
        var leaf = type switch
        {
            MetricType.Int => Gen.OneOf<RuleNode>(Metric(type), Gen.Elements(ValuePools.Ints.Where(i => i >= 0).ToArray()).Select(i => Literal(LiteralKind.Integer, i))),
            MetricType.Money => Gen.OneOf<RuleNode>(Metric(type), Gen.Elements(ValuePools.Money.Where(m => m >= 0).ToArray()).Select(m => Literal(LiteralKind.Decimal, m))),
            _ => Metric(type),
        };
        if (depth <= 0)
        {
            return leaf;
        }

        var below = depth - 1;
        var composite = type switch
        {
            MetricType.Int => Gen.OneOf<RuleNode>(
                Arithmetic([ArithmeticOperator.Add, ArithmeticOperator.Subtract, ArithmeticOperator.Multiply], Numeric(MetricType.Int, below), Numeric(MetricType.Int, below)),
                Numeric(MetricType.Int, below).Select(o => (RuleNode)new NegateNode(At, o)),
                Numeric(MetricType.Int, below).Select(o => Call("abs", o)),
                Gen.Zip(Numeric(MetricType.Int, below), Numeric(MetricType.Int, below)).Select(p => Call("coalesce", p.Item1, p.Item2)),
                Timestamp(below).Select(t => Call("days_since", t))),
            MetricType.Money => Gen.OneOf<RuleNode>(
                Arithmetic(Enum.GetValues<ArithmeticOperator>(), Numeric(MetricType.Money, below), Gen.Elements(MetricType.Int, MetricType.Money).SelectMany(t => Numeric(t, below))),
                Arithmetic(Enum.GetValues<ArithmeticOperator>(), Numeric(MetricType.Int, below), Numeric(MetricType.Money, below)),
                Numeric(MetricType.Money, below).Select(o => (RuleNode)new NegateNode(At, o)),
                Numeric(MetricType.Money, below).Select(o => Call("abs", o)),
                Gen.Zip(Numeric(MetricType.Money, below), Numeric(MetricType.Int, below)).Select(p => Call("coalesce", p.Item1, p.Item2))),
            _ => Gen.OneOf<RuleNode>(
                Arithmetic([ArithmeticOperator.Divide], Numeric(MetricType.Int, below), Numeric(MetricType.Int, below)),
                Arithmetic(Enum.GetValues<ArithmeticOperator>(), Numeric(MetricType.Number, below), Gen.Elements(Numerics).SelectMany(t => Numeric(t, below))),
                Numeric(MetricType.Number, below).Select(o => (RuleNode)new NegateNode(At, o)),
                Numeric(MetricType.Number, below).Select(o => Call("abs", o)),
                Gen.Zip(Numeric(MetricType.Number, below), Numeric(MetricType.Money, below)).Select(p => Call("coalesce", p.Item1, p.Item2))),
        };
        return Gen.Frequency((2, leaf), (1, composite));
    }

    private static Gen<RuleNode> Text(int depth)
    {
        var leaf = Gen.OneOf<RuleNode>(Metric(MetricType.Text), TextLiteral().Select(t => (RuleNode)t));
        if (depth <= 0)
        {
            return leaf;
        }

        return Gen.Frequency(
            (3, leaf),
            (1, Text(depth - 1).Select(t => Call("lower", t))),
            (1, Gen.Zip(Text(depth - 1), Text(depth - 1)).Select(p => Call("coalesce", p.Item1, p.Item2))));
    }

    private static Gen<RuleNode> Timestamp(int depth)
    {
        var leaf = Gen.OneOf<RuleNode>(Metric(MetricType.Timestamp), Gen.Elements(ValuePools.Timestamps).Select(t => Literal(LiteralKind.Timestamp, t)), Gen.Constant(Call("now")));
        if (depth <= 0)
        {
            return leaf;
        }

        return Gen.Frequency(
            (3, leaf),
            (1, Arithmetic([ArithmeticOperator.Add, ArithmeticOperator.Subtract], Gen.OneOf<RuleNode>(Timestamp(depth - 1), Value(MetricType.Date, 0)), Duration(depth - 1))),
            (1, Arithmetic([ArithmeticOperator.Add], Duration(depth - 1), Timestamp(depth - 1))),
            (1, Gen.Zip(Timestamp(depth - 1), Value(MetricType.Date, 0)).Select(p => Call("coalesce", p.Item1, p.Item2))));
    }

    private static Gen<RuleNode> Duration(int depth)
    {
        var leaf = Gen.OneOf<RuleNode>(
            Metric(MetricType.Duration),
            Gen.Elements(new Duration(0, DurationUnit.Hours), new Duration(12, DurationUnit.Hours), new Duration(1, DurationUnit.Days),
                new Duration(7, DurationUnit.Days), new Duration(2, DurationUnit.Weeks)).Select(d => Literal(LiteralKind.Duration, d)));
        if (depth <= 0)
        {
            return leaf;
        }

        return Gen.Frequency(
            (3, leaf),
            (1, Arithmetic([ArithmeticOperator.Subtract], Timestamp(depth - 1), Timestamp(depth - 1))),
            (1, Arithmetic([ArithmeticOperator.Add, ArithmeticOperator.Subtract], Duration(depth - 1), Duration(depth - 1))),
            (1, Duration(depth - 1).Select(d => (RuleNode)new NegateNode(At, d))),
            (1, Duration(depth - 1).Select(d => Call("abs", d))));
    }

    private static Gen<RuleNode> Arithmetic(ArithmeticOperator[] operators, Gen<RuleNode> left, Gen<RuleNode> right) =>
        from op in Gen.Elements(operators)
        from l in left
        from r in right
        select (RuleNode)new ArithmeticNode(At, op, l, r);

    private static Gen<RuleNode> Metric(MetricType type) =>
        Gen.Elements(TestCatalog.Names(type).ToArray()).Select(name => (RuleNode)new MetricNode(At, name));

    private static Gen<LiteralNode> TextLiteral() => Gen.Elements(ValuePools.Texts).Select(t => Item(LiteralKind.Text, t));

    private static RuleNode Call(string name, params RuleNode[] arguments) => new FunctionNode(At, name, arguments);

    private static RuleNode Literal(LiteralKind kind, object? value) => new LiteralNode(At, kind, value);

    private static LiteralNode Item(LiteralKind kind, object? value) => new(At, kind, value);

    /// <summary>Profiles with about one NULL in five, drawn from <see cref="ValuePools"/>.</summary>
    public static Gen<TestProfile> Profile(long id)
    {
        Gen<T?> Maybe<T>(T[] pool) where T : struct =>
            Gen.Frequency((1, Gen.Constant<T?>(null)), (4, Gen.Elements(pool).Select(v => (T?)v)));
        Gen<string?> MaybeText() => Gen.Frequency((1, Gen.Constant<string?>(null)), (4, Gen.Elements(ValuePools.Texts).Select(v => (string?)v)));
        return
            from visits in Maybe(ValuePools.Ints)
            from orders in Maybe(ValuePools.Ints)
            from spend in Maybe(ValuePools.Money)
            from refunds in Maybe(ValuePools.Money)
            from ratio in Maybe(ValuePools.Numbers)
            from score in Maybe(ValuePools.Numbers)
            from brand in MaybeText()
            from category in MaybeText()
            from active in Maybe([true, false])
            from signup in Maybe(ValuePools.Dates)
            from seen in Maybe(ValuePools.Timestamps)
            from bought in Maybe(ValuePools.Timestamps)
            from tenure in Maybe(ValuePools.Durations)
            from tags in Gen.Frequency((1, Gen.Constant<string[]?>(null)), (4, Gen.SubListOf(ValuePools.Texts).Select(l => (string[]?)l.ToArray())))
            select new TestProfile
            {
                Id = id,
                Visits = visits,
                Orders = orders,
                Spend = spend,
                Refunds = refunds,
                Ratio = ratio,
                Score = score,
                Brand = brand,
                Category = category,
                Active = active,
                SignupDate = signup,
                SeenAt = seen,
                LastPurchase = bought,
                Tenure = tenure,
                Tags = tags,
            };
    }

    public static Gen<TestProfile[]> Profiles(int count) =>
        Gen.CollectToArray(Enumerable.Range(1, count).Select(id => Profile(id)));
}
