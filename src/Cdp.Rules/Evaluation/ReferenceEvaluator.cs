using Cdp.Rules.Checking;
using Cdp.Rules.Runtime;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Evaluation;

/// <summary>
/// The oracle: a plain interpreter of the checked tree with SQL three-valued logic. Conditions evaluate
/// to bool? (null is UNKNOWN), values to their CLR representation (null is NULL). Every operand is
/// evaluated, so that <see cref="Explanation"/> can show all of them.
/// </summary>
internal sealed partial class ReferenceEvaluator : RuleVisitor<object?>
{
    private readonly Rule _rule;
    private readonly RuleClock _clock;
    private readonly Action<RuleNode, object?>? _observe;
    private IReadOnlyDictionary<string, object?> _profile = new Dictionary<string, object?>();

    public ReferenceEvaluator(Rule rule, RuleClock clock, Action<RuleNode, object?>? observe = null, IReadOnlyList<RuleEvent>? events = null)
    {
        _rule = rule;
        _clock = clock;
        _observe = observe;
        _events = events;
    }

    public TruthValue Evaluate(IReadOnlyDictionary<string, object?> profile) => Truth(_rule.Syntax, profile);

    /// <summary>The value of the whole tree over a profile row: a value expression's value, a condition's as a nullable bool.</summary>
    public object? Value(IReadOnlyDictionary<string, object?> profile)
    {
        _profile = profile;
        return Visit(_rule.Syntax);
    }

    /// <summary>A condition's truth over a row: the profile's metrics, or one event's fields for an aggregate's WHERE.</summary>
    private TruthValue Truth(RuleNode condition, IReadOnlyDictionary<string, object?> row)
    {
        _profile = row;
        return Visit(condition) switch
        {
            true => TruthValue.True,
            false => TruthValue.False,
            _ => TruthValue.Unknown,
        };
    }

    private object? Observe(RuleNode node, object? value)
    {
        _observe?.Invoke(node, value);
        return value;
    }

    public override object? VisitLiteral(LiteralNode node) => Observe(node, node.Kind switch
    {
        LiteralKind.Duration => ((Duration)node.Value!).ToTimeSpan(),
        _ => node.Value,
    });

    public override object? VisitMetric(MetricNode node) =>
        Observe(node, _profile.TryGetValue(node.Name, out var value) ? MetricValues.Normalize(_rule.TypeOf(node), value) : null);

    public override object? VisitFunction(FunctionNode node)
    {
        var arguments = node.Arguments.Select(Visit).ToList();
        var type = _rule.TypeOf(node);
        object? result = node.Name switch
        {
            Functions.Today => _clock.Today,
            Functions.Now => _clock.Now,
            Functions.Abs => arguments[0] switch
            {
                long v => checked(Math.Abs(v)),
                decimal v => Math.Abs(v),
                double v => Math.Abs(v),
                TimeSpan v => v.Duration(),
                _ => null,
            },
            Functions.Lower => RuleSemantics.Lower((string?)arguments[0]),
            Functions.DaysSince => RuleSemantics.DaysSince(ToTimestamp(arguments[0]), _clock.Today),
            _ => Convert(type, arguments.FirstOrDefault(a => a is not null)),
        };
        return Observe(node, result);
    }

    public override object? VisitNegate(NegateNode node) => Observe(node, Visit(node.Operand) switch
    {
        long v => checked(-v),
        decimal v => -v,
        double v => -v,
        TimeSpan v => -v,
        _ => null,
    });

    public override object? VisitArithmetic(ArithmeticNode node)
    {
        var left = Visit(node.Left);
        var right = Visit(node.Right);
        return Observe(node, left is null || right is null ? null : Arithmetic(node, left, right));
    }

    private object? Arithmetic(ArithmeticNode node, object left, object right)
    {
        var type = _rule.TypeOf(node);
        var op = node.Operator;
        switch (type)
        {
            case MetricType.Number:
                double l = ToDouble(left), r = ToDouble(right);
                return op switch
                {
                    ArithmeticOperator.Add => l + r,
                    ArithmeticOperator.Subtract => l - r,
                    ArithmeticOperator.Multiply => l * r,
                    _ => RuleSemantics.DivideNumber(l, r),
                };
            case MetricType.Money:
                decimal ml = ToDecimal(left), mr = ToDecimal(right);
                return op switch
                {
                    ArithmeticOperator.Add => ml + mr,
                    ArithmeticOperator.Subtract => ml - mr,
                    ArithmeticOperator.Multiply => ml * mr,
                    _ => RuleSemantics.DivideMoney(ml, mr),
                };
            case MetricType.Int:
                long il = (long)left, ir = (long)right;
                return op switch
                {
                    ArithmeticOperator.Add => checked(il + ir),
                    ArithmeticOperator.Subtract => checked(il - ir),
                    _ => checked(il * ir),
                };
            case MetricType.Timestamp when left is TimeSpan leading:
                return ToTimestamp(right) + leading;
            case MetricType.Timestamp:
                var span = (TimeSpan)right;
                return op == ArithmeticOperator.Add ? ToTimestamp(left) + span : ToTimestamp(left) - span;
            case MetricType.Duration when left is TimeSpan a && right is TimeSpan b:
                return op == ArithmeticOperator.Add ? a + b : a - b;
            default:
                return ToTimestamp(left) - ToTimestamp(right);
        }
    }

    public override object? VisitComparison(ComparisonNode node)
    {
        var left = Visit(node.Left);
        var right = Visit(node.Right);
        if (left is null || right is null)
        {
            return Observe(node, null);
        }

        var order = Compare(_rule.TypeOf(node.Left), _rule.TypeOf(node.Right), left, right);
        return Observe(node, node.Operator.Holds(order));
    }

    public override object? VisitLogical(LogicalNode node)
    {
        var values = node.Operands.Select(o => (bool?)Visit(o)).ToList();
        var decisive = node.Operator == LogicalOperator.Or;
        bool? result = values.Contains(decisive) ? decisive : values.Contains(null) ? null : !decisive;
        return Observe(node, result);
    }

    public override object? VisitNot(NotNode node) => Observe(node, !(bool?)Visit(node.Operand));

    public override object? VisitIn(InNode node)
    {
        var value = Visit(node.Operand);
        var items = node.Items.Select(Visit).ToList();
        if (value is null)
        {
            return Observe(node, null);
        }

        var type = _rule.TypeOf(node.Operand);
        var found = node.Items.Zip(items).Any(pair => Compare(type, _rule.TypeOf(pair.First), value, pair.Second!) == 0);
        return Observe(node, found != node.Negated);
    }

    public override object? VisitBetween(BetweenNode node)
    {
        var value = Visit(node.Operand);
        var low = Visit(node.Low);
        var high = Visit(node.High);
        var type = _rule.TypeOf(node.Operand);
        bool? atLeast = value is null || low is null ? null : Compare(type, _rule.TypeOf(node.Low), value, low) >= 0;
        bool? atMost = value is null || high is null ? null : Compare(type, _rule.TypeOf(node.High), value, high) <= 0;
        bool? within = atLeast == false || atMost == false ? false : atLeast is null || atMost is null ? null : true;
        return Observe(node, node.Negated ? !within : within);
    }

    public override object? VisitIsNull(IsNullNode node) => Observe(node, (Visit(node.Operand) is null) != node.Negated);

    public override object? VisitTextMatch(TextMatchNode node)
    {
        var text = (string?)Visit(node.Operand);
        var pattern = (string)Visit(node.Pattern)!;
        if (text is null)
        {
            return Observe(node, null);
        }

        var matches = node.Kind switch
        {
            TextMatchKind.Contains => RuleSemantics.Contains(text, pattern),
            TextMatchKind.StartsWith => RuleSemantics.StartsWith(text, pattern),
            _ => RuleSemantics.EndsWith(text, pattern),
        };
        return Observe(node, matches != node.Negated);
    }

    public override object? VisitHas(HasNode node)
    {
        var list = (IReadOnlyList<string>?)Visit(node.Operand);
        var item = (string)Visit(node.Item)!;
        return Observe(node, list is null ? null : RuleSemantics.Has(list, item) != node.Negated);
    }

    /// <summary>Orders two non-null values in the comparison domain of their types.</summary>
    internal static int Compare(MetricType leftType, MetricType rightType, object left, object right)
    {
        var domain = TypeRules.ComparisonDomain(leftType, rightType)
            ?? throw new InvalidOperationException($"{leftType} and {rightType} are not comparable; the checker should have said so");
        return domain switch
        {
            MetricType.Int => ((long)left).CompareTo((long)right),
            MetricType.Money => ToDecimal(left).CompareTo(ToDecimal(right)),
            MetricType.Number => ToDouble(left).CompareTo(ToDouble(right)),
            MetricType.Text => RuleSemantics.CompareText((string)left, (string)right),
            MetricType.Bool => ((bool)left).CompareTo((bool)right),
            MetricType.Date => ((DateOnly)left).CompareTo((DateOnly)right),
            MetricType.Timestamp => ToTimestamp(left)!.Value.CompareTo(ToTimestamp(right)!.Value),
            MetricType.Duration => ((TimeSpan)left).CompareTo((TimeSpan)right),
            _ => throw new InvalidOperationException($"{domain} values cannot be compared"),
        };
    }

    private static object? Convert(MetricType type, object? value) => value is null ? null : type switch
    {
        MetricType.Money => ToDecimal(value),
        MetricType.Number => ToDouble(value),
        MetricType.Timestamp => ToTimestamp(value),
        _ => value,
    };

    private static decimal ToDecimal(object value) => value is long l ? l : (decimal)value;

    private static double ToDouble(object value) => value switch
    {
        long l => l,
        decimal d => RuleSemantics.MoneyToNumber(d),
        _ => (double)value,
    };

    private static DateTime? ToTimestamp(object? value) => value switch
    {
        null => null,
        DateOnly date => RuleSemantics.AtMidnight(date),
        _ => (DateTime)value,
    };
}
