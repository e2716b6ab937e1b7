using Cdp.Rules.Checking;
using Cdp.Rules.Lowering;
using Cdp.Rules.Syntax;
using MongoDB.Bson;

namespace Cdp.Rules.Mongo;

/// <summary>
/// Conditions as pairs of query documents. A predicate on one metric and literals becomes an ordinary
/// query (which indexes serve); anything computed becomes <c>$expr</c> through <see cref="AggregationCompiler"/>.
/// Query operators already skip null and missing fields for "is TRUE", except <c>$ne</c> and <c>$nin</c>,
/// which match them: every "is FALSE" form built from those adds <c>{field: {$ne: null}}</c>.
/// </summary>
internal sealed class QueryCompiler(Rule rule, AggregationCompiler aggregation)
{
    private static readonly BsonDocument Nothing = new("$expr", BsonBoolean.False);
    private static readonly BsonDocument Everything = [];

    public TruthPair<BsonValue> Condition(RuleNode node) => ConditionLowering.Lower(node) switch
    {
        LiteralNode { Value: bool b } => b ? new TruthPair<BsonValue>(Everything, Nothing) : new TruthPair<BsonValue>(Nothing, Everything),
        LogicalNode logical => Logical(logical),
        NotNode not => Condition(not.Operand).Negate(),
        MetricNode metric when rule.TypeOf(metric) == MetricType.Bool =>
            new TruthPair<BsonValue>(Field(metric, BsonBoolean.True), Field(metric, BsonBoolean.False)),
        ComparisonNode { Left: MetricNode metric, Right: LiteralNode literal } comparison when Simple(metric, literal) =>
            Compare(metric, comparison.Operator, literal),
        ComparisonNode { Left: LiteralNode literal, Right: MetricNode metric } comparison when Simple(metric, literal) =>
            Compare(metric, comparison.Operator.Mirror(), literal),
        InNode { Operand: MetricNode metric } @in when @in.Items.All(item => Simple(metric, item)) => In(metric, @in),
        IsNullNode { Operand: MetricNode metric } =>
            new TruthPair<BsonValue>(Field(metric, BsonNull.Value), NotNull(metric)),
        TextMatchNode { Operand: MetricNode metric } match => TextMatch(metric, match),
        HasNode { Operand: MetricNode metric } has =>
            new TruthPair<BsonValue>(Field(metric, has.Item.Value as string), Both(Operator(metric, "$ne", has.Item.Value as string), NotNull(metric))),
        var other => Expression(aggregation.Condition(other)),
    };

    private static TruthPair<BsonValue> Expression(TruthPair<BsonValue> condition) =>
        new(new BsonDocument("$expr", condition.IsTrue), new BsonDocument("$expr", condition.IsFalse));

    private TruthPair<BsonValue> Logical(LogicalNode node)
    {
        var (isTrue, isFalse) = KleeneLogic.Combine(node.Operator, node.Operands.Select(o => Condition(o)).Select(c => (c.IsTrue, c.IsFalse)).ToList(),
            all => new BsonDocument("$and", new BsonArray(all)), any => new BsonDocument("$or", new BsonArray(any)));
        return new TruthPair<BsonValue>(isTrue, isFalse);
    }

    /// <summary>
    /// True when a query on the stored field means the comparison exactly: the literal converts to the
    /// comparison domain, while the field needs no conversion (money compared as number does, so it goes to $expr).
    /// </summary>
    private bool Simple(MetricNode metric, LiteralNode literal)
    {
        var type = rule.TypeOf(metric);
        var domain = TypeRules.ComparisonDomain(type, rule.TypeOf(literal));
        return domain is not null && type is not (MetricType.Bool or MetricType.TextList)
            && !(domain == MetricType.Number && type != MetricType.Number);
    }

    private TruthPair<BsonValue> Compare(MetricNode metric, ComparisonOperator op, LiteralNode literal)
    {
        var domain = TypeRules.ComparisonDomain(rule.TypeOf(metric), rule.TypeOf(literal))!.Value;
        var value = aggregation.Literal(literal, domain);
        return op switch
        {
            ComparisonOperator.Equal => new TruthPair<BsonValue>(Operator(metric, "$eq", value), Both(Operator(metric, "$ne", value), NotNull(metric))),
            ComparisonOperator.NotEqual => new TruthPair<BsonValue>(Both(Operator(metric, "$ne", value), NotNull(metric)), Operator(metric, "$eq", value)),
            _ => new TruthPair<BsonValue>(
                Operator(metric, AggregationCompiler.Operator(op), value),
                Operator(metric, AggregationCompiler.Operator(op.Opposite()), value)),
        };
    }

    private TruthPair<BsonValue> In(MetricNode metric, InNode node)
    {
        var domain = node.Items.Aggregate(rule.TypeOf(metric), (d, item) => TypeRules.ComparisonDomain(d, rule.TypeOf(item))!.Value);
        var items = new BsonArray(node.Items.Select(item => aggregation.Literal(item, domain)));
        return new TruthPair<BsonValue>(Operator(metric, "$in", items), Both(Operator(metric, "$nin", items), NotNull(metric)));
    }

    private TruthPair<BsonValue> TextMatch(MetricNode metric, TextMatchNode node)
    {
        var text = (string)node.Pattern.Value!;
        return new TruthPair<BsonValue>(
            Operator(metric, "$regex", MongoRegex.For(node.Kind, text)),
            Operator(metric, "$regex", MongoRegex.Failing(node.Kind, text)));
    }

    private BsonDocument Field(MetricNode metric, BsonValue? value) => new(aggregation.FieldOf(metric.Name), value ?? BsonNull.Value);

    private BsonDocument Operator(MetricNode metric, string name, BsonValue? value) =>
        new(aggregation.FieldOf(metric.Name), new BsonDocument(name, value ?? BsonNull.Value));

    private BsonDocument NotNull(MetricNode metric) => Operator(metric, "$ne", BsonNull.Value);

    private static BsonDocument Both(BsonDocument first, BsonDocument second) => new("$and", new BsonArray { first, second });
}
