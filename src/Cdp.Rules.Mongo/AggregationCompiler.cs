using Cdp.Rules.Checking;
using Cdp.Rules.Lowering;
using Cdp.Rules.Runtime;
using Cdp.Rules.Syntax;
using MongoDB.Bson;

namespace Cdp.Rules.Mongo;

/// <summary>
/// Values as aggregation expressions (for <c>$expr</c>), and conditions as pairs of aggregation booleans.
/// Inside <c>$expr</c> MongoDB orders null and missing below every value, so <c>{$lt: ["$f", 50]}</c> is
/// true for a missing field: every comparison here carries explicit "not null" guards. Text literals are
/// wrapped in <c>$literal</c>, or a value such as '$where' would be read as a field path.
/// </summary>
internal sealed class AggregationCompiler(Rule rule, RuleClock clock, Func<string, string>? field = null) : ConditionCompiler<BsonValue>
{
    private static readonly BsonValue Null = BsonNull.Value;

    // Missing becomes null first, then null is compared with $ne: the one spelling on which MongoDB and
    // JavaScript stand-ins agree ({$gt: [x, null]} relies on BSON order, which a stand-in may not have).
    public static BsonValue NotNull(BsonValue value) => Op("$ne", Op("$ifNull", value, Null), Null);

    private static BsonDocument Op(string name, params BsonValue[] arguments) => new(name, new BsonArray(arguments));

    protected override BsonValue Constant(bool value) => BsonBoolean.Create(value);

    protected override BsonValue All(IEnumerable<BsonValue> conditions) => AllOf(conditions);

    private static BsonValue AllOf(IEnumerable<BsonValue> conditions) => Op("$and", conditions.ToArray());

    protected override BsonValue Any(IEnumerable<BsonValue> conditions) => Op("$or", conditions.ToArray());

    private static BsonValue Not(BsonValue condition) => Op("$not", condition);

    private static BsonValue Guarded(IEnumerable<BsonValue> operands, BsonValue condition)
    {
        var guards = operands.Where(MayBeNull).Select(NotNull).ToList();
        return guards.Count == 0 ? condition : AllOf(guards.Append(condition));
    }

    /// <summary>Field paths and computed expressions may be NULL; constants (and <c>$literal</c>) never are.</summary>
    private static bool MayBeNull(BsonValue value) =>
        value is BsonDocument document ? !document.Contains("$literal")
        : value is BsonString text && text.Value.StartsWith('$');

    protected override TruthPair<BsonValue> FromValue(BsonValue value) =>
        new(Op("$eq", value, BsonBoolean.True), Op("$eq", value, BsonBoolean.False));

    protected override BsonValue ToValue(TruthPair<BsonValue> condition) =>
        new BsonDocument("$cond", new BsonArray
        {
            condition.IsTrue,
            BsonBoolean.True,
            new BsonDocument("$cond", new BsonArray { condition.IsFalse, BsonBoolean.False, Null }),
        });

    protected override TruthPair<BsonValue> Compare(ComparisonNode node)
    {
        var (left, op, right) = (node.Left, node.Operator, node.Right);
        var domain = TypeRules.ComparisonDomain(rule.TypeOf(left), rule.TypeOf(right))!.Value;
        var l = ToDomain(left, domain);
        var r = ToDomain(right, domain);
        return new TruthPair<BsonValue>(
            Guarded([l, r], Op(Operator(op), l, r)),
            Guarded([l, r], Op(Operator(op.Opposite()), l, r)));
    }

    internal static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "$eq",
        ComparisonOperator.NotEqual => "$ne",
        ComparisonOperator.Less => "$lt",
        ComparisonOperator.LessOrEqual => "$lte",
        ComparisonOperator.Greater => "$gt",
        _ => "$gte",
    };

    /// <summary>A value converted to the type it is compared or computed in: numbers to double where number wins.</summary>
    public BsonValue ToDomain(RuleNode node, MetricType domain)
    {
        var from = rule.TypeOf(node);
        return from is MetricType.Int or MetricType.Money && domain == MetricType.Number
            ? node is LiteralNode literal ? new BsonDouble(ToDouble(literal.Value!)) : new BsonDocument("$toDouble", Visit(node))
            : Visit(node);
    }

    private static double ToDouble(object value) => value is long l ? l : RuleSemantics.MoneyToNumber((decimal)value);

    protected override TruthPair<BsonValue> In(InNode node)
    {
        var type = rule.TypeOf(node.Operand);
        var domain = node.Items.Aggregate(type, (d, item) => TypeRules.ComparisonDomain(d, rule.TypeOf(item))!.Value);
        var value = ToDomain(node.Operand, domain);
        var items = new BsonDocument("$literal", new BsonArray(node.Items.Select(item => Literal(item, domain))));
        var found = Op("$in", value, items);
        return new TruthPair<BsonValue>(Guarded([value], found), Guarded([value], Not(found)));
    }

    /// <summary>A literal as a plain BSON value (not an expression), converted to the domain.</summary>
    public BsonValue Literal(LiteralNode literal, MetricType domain) =>
        rule.TypeOf(literal) is MetricType.Int or MetricType.Money && domain == MetricType.Number
            ? new BsonDouble(ToDouble(literal.Value!))
            : MongoValues.ToBson(rule.TypeOf(literal), literal.Kind == LiteralKind.Duration ? ((Duration)literal.Value!).ToTimeSpan() : literal.Value);

    protected override TruthPair<BsonValue> IsNull(IsNullNode node)
    {
        var value = Visit(node.Operand);
        return new TruthPair<BsonValue>(Not(NotNull(value)), NotNull(value));
    }

    protected override TruthPair<BsonValue> TextMatch(TextMatchNode node)
    {
        var value = Visit(node.Operand);
        var matches = new BsonDocument("$regexMatch", new BsonDocument
        {
            { "input", value },
            { "regex", MongoRegex.For(node.Kind, (string)node.Pattern.Value!) },
        });
        return new TruthPair<BsonValue>(Guarded([value], matches), Guarded([value], Not(matches)));
    }

    protected override TruthPair<BsonValue> Has(HasNode node)
    {
        var list = Visit(node.Operand);
        var found = Op("$in", new BsonDocument("$literal", (string)node.Item.Value!), list);
        return new TruthPair<BsonValue>(Guarded([list], found), Guarded([list], Not(found)));
    }

    public override BsonValue VisitLiteral(LiteralNode node)
    {
        var value = Literal(node, rule.TypeOf(node));
        return value.IsString ? new BsonDocument("$literal", value) : value;
    }

    /// <summary>The document field a metric is stored in (the metric's name, or what a class map names it).</summary>
    public string FieldOf(string metric) => field?.Invoke(metric) ?? metric;

    public override BsonValue VisitMetric(MetricNode node) => new BsonString("$" + FieldOf(node.Name));

    /// <summary>An aggregate (v2): its derived field (the target has refused a rule whose profiles lack it).</summary>
    public override BsonValue VisitAggregate(AggregateNode node) => new BsonString("$" + FieldOf(rule.DerivedOf(node).Name));

    /// <summary>A segment reference (v2): TRUE only where its derived field holds true (never UNKNOWN).</summary>
    public override BsonValue VisitInSegment(InSegmentNode node) =>
        new BsonDocument("$eq", new BsonArray { new BsonString("$" + FieldOf(rule.DerivedOf(node).Name)), BsonBoolean.True });

    public override BsonValue VisitFunction(FunctionNode node)
    {
        var type = rule.TypeOf(node);
        switch (node.Name)
        {
            case Functions.Today:
                return new BsonDateTime(RuleSemantics.AtMidnight(clock.Today));
            case Functions.Now:
                return new BsonDateTime(clock.Now);
            case Functions.Abs:
                return new BsonDocument("$abs", Visit(node.Arguments[0]));
            case Functions.Lower:
                return Lower(Visit(node.Arguments[0]));
            case Functions.DaysSince:
                var day = new BsonDocument("$floor", Op("$divide", Op("$subtract", Visit(node.Arguments[0]), MongoValues.Epoch), new BsonInt64(86_400_000)));
                return Op("$subtract", new BsonInt64(MongoValues.DayNumber(clock.Today)), day);
            default:
                var arguments = node.Arguments.Select(a => ToDomain(a, type)).ToList();
                return arguments.Take(arguments.Count - 1).Reverse().Aggregate(arguments[^1], (rest, first) => Op("$ifNull", first, rest));
        }
    }

    /// <summary>
    /// ASCII-only lower case, character by character, as <see cref="RuleSemantics.Lower"/> defines it. The input is bound
    /// once (<c>$let</c>) and read by name, so <c>lower(lower(lower(x)))</c> is a filter that grows with the nesting,
    /// not four times with each level (the fold reads its input four times), and the engine computes it once, not once
    /// per character of the outer fold.
    /// </summary>
    private static BsonValue Lower(BsonValue input) => new BsonDocument("$let", new BsonDocument
    {
        { "vars", new BsonDocument("text", input) },
        { "in", LowerOf("$$text") },
    });

    private static BsonValue LowerOf(BsonValue text)
    {
        // The fold runs over "" for NULL, so that an engine evaluating both branches of $cond raises no
        // error ($strLenCP refuses null); the $cond then gives NULL.
        var safe = Op("$ifNull", text, "");
        // One code point at a time: an ASCII capital goes through $toLower (well defined for ASCII everywhere),
        // anything else is kept. ('A' <= c <= 'Z' on a single code point is exactly the ASCII capitals.)
        var folded = new BsonDocument("$let", new BsonDocument
        {
            { "vars", new BsonDocument("c", Op("$substrCP", safe, "$$this", 1)) },
            {
                "in", new BsonDocument("$cond", new BsonArray
                {
                    Op("$and", Op("$gte", "$$c", "A"), Op("$lte", "$$c", "Z")),
                    new BsonDocument("$toLower", "$$c"),
                    "$$c",
                })
            },
        });
        var reduce = new BsonDocument("$reduce", new BsonDocument
        {
            { "input", Op("$range", 0, new BsonDocument("$strLenCP", safe)) },
            { "initialValue", "" },
            { "in", Op("$concat", "$$value", folded) },
        });
        return new BsonDocument("$cond", new BsonArray { NotNull(text), reduce, Null });
    }

    public override BsonValue VisitNegate(NegateNode node) => Op("$multiply", Visit(node.Operand), -1);

    public override BsonValue VisitArithmetic(ArithmeticNode node)
    {
        var type = rule.TypeOf(node);
        MetricType leftType = rule.TypeOf(node.Left), rightType = rule.TypeOf(node.Right);
        if (node.Operator == ArithmeticOperator.Divide)
        {
            var l = ToDomain(node.Left, type);
            var r = ToDomain(node.Right, type);
            var quotient = Op("$divide", l, r);
            var result = type == MetricType.Money ? RoundMoney(quotient) : quotient;
            return new BsonDocument("$cond", new BsonArray { Op("$eq", r, 0), Null, result });
        }

        var name = node.Operator switch
        {
            ArithmeticOperator.Add => "$add",
            ArithmeticOperator.Subtract => "$subtract",
            _ => "$multiply",
        };
        if (type.IsNumeric())
        {
            return Op(name, ToDomain(node.Left, type), ToDomain(node.Right, type));
        }

        // Temporal: a date or timestamp moved by milliseconds, or the milliseconds between two of them.
        return leftType == MetricType.Duration && rightType.IsTemporal()
            ? Op(name, Visit(node.Right), Visit(node.Left))
            : Op(name, Visit(node.Left), Visit(node.Right));
    }

    /// <summary>Half away from zero to 6 places, in Decimal128 ($round would round half to even).</summary>
    private static BsonValue RoundMoney(BsonValue quotient)
    {
        var scale = new BsonDecimal128(1_000_000m);
        var magnitude = new BsonDocument("$floor", Op("$add", Op("$multiply", new BsonDocument("$abs", quotient), scale), new BsonDecimal128(0.5m)));
        var sign = new BsonDocument("$cond", new BsonArray { Op("$lt", quotient, 0), -1, 1 });
        return Op("$multiply", sign, Op("$divide", magnitude, scale));
    }
}
