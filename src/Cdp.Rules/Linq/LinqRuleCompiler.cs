using System.Linq.Expressions;
using System.Reflection;
using Cdp.Rules.Checking;
using Cdp.Rules.Runtime;
using Cdp.Rules.Syntax;
using static Cdp.Rules.Linq.ExpressionHelpers;

namespace Cdp.Rules.Linq;

/// <summary>
/// Compiles a checked rule to an expression tree. Values compile to their CLR type (nullable where
/// NULL can occur); conditions compile to a <see cref="Linq.Condition"/> pair, so that three-valued logic
/// is exact: <c>NOT (cart_rate &gt;= 0.2)</c> is "cart_rate is not NULL and cart_rate &lt; 0.2".
/// </summary>
internal sealed class LinqRuleCompiler : RuleVisitor<Expression>
{
    private static readonly MethodInfo OrdinalEquals = typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo CodePointCompare = typeof(RuleSemantics).GetMethod(nameof(RuleSemantics.CompareText))!;

    private readonly Rule _rule;
    private readonly Expression _today;
    private readonly Expression _now;
    private readonly IMetricBinder _binder;
    private readonly SourceText _source;
    private readonly Dictionary<string, Expression?> _metrics = new(StringComparer.Ordinal);

    /// <summary>A compiler whose <c>today()</c> and <c>now()</c> are the clock's values, fixed into the expression.</summary>
    public LinqRuleCompiler(Rule rule, RuleClock clock, IMetricBinder binder)
        : this(rule, Expression.Constant(clock.Today), Expression.Constant(clock.Now), binder)
    {
    }

    /// <summary>A compiler whose <c>today()</c> and <c>now()</c> read a clock given at each call.</summary>
    public LinqRuleCompiler(Rule rule, ParameterExpression clock, IMetricBinder binder)
        : this(rule, Expression.Property(clock, nameof(RuleClock.Today)), Expression.Property(clock, nameof(RuleClock.Now)), binder)
    {
    }

    private LinqRuleCompiler(Rule rule, Expression today, Expression now, IMetricBinder binder)
    {
        _rule = rule;
        _today = today;
        _now = now;
        _binder = binder;
        _source = new SourceText(rule.Text);
    }

    public List<Diagnostic> Diagnostics { get; } = [];

    public Expression CompileIsTrue() => Condition(_rule.Syntax).IsTrue;

    internal Condition Condition(RuleNode node) => node switch
    {
        LiteralNode { Value: bool b } => new Condition(Expression.Constant(b), Expression.Constant(!b)),
        LogicalNode logical => Logical(logical),
        NotNode not => Condition(not.Operand).Negate(),
        ComparisonNode comparison => Compare(comparison.Left, comparison.Operator, comparison.Right),
        InNode @in => In(@in),
        BetweenNode between => Between(between),
        IsNullNode isNull => IsNull(isNull),
        TextMatchNode match => TextMatch(match),
        HasNode has => Has(has),
        _ => FromValue(Visit(node)),
    };

    private static Condition FromValue(Expression value)
    {
        if (!CanBeNull(value))
        {
            return new Condition(value, Not(value));
        }

        var guard = HasValue(value)!;
        var inner = ValueOf(value);
        return new Condition(Expression.AndAlso(guard, inner), Expression.AndAlso(guard, Expression.Not(inner)));
    }

    private static Expression ToValue(Condition condition) => Expression.Condition(
        condition.IsTrue,
        Expression.Constant(true, typeof(bool?)),
        Expression.Condition(condition.IsFalse, Expression.Constant(false, typeof(bool?)), Expression.Default(typeof(bool?))));

    private Condition Logical(LogicalNode node)
    {
        var (isTrue, isFalse) = KleeneLogic.Combine(node.Operator, node.Operands.Select(o => Condition(o)).Select(c => (c.IsTrue, c.IsFalse)).ToList(), AndAlso, OrElse);
        return new Condition(isTrue, isFalse);
    }

    private Condition Compare(RuleNode leftNode, ComparisonOperator op, RuleNode rightNode)
    {
        var domain = TypeRules.ComparisonDomain(_rule.TypeOf(leftNode), _rule.TypeOf(rightNode))!.Value;
        return CompareValues(Visit(leftNode), _rule.TypeOf(leftNode), op, Visit(rightNode), _rule.TypeOf(rightNode), domain);
    }

    private static Condition CompareValues(Expression left, MetricType leftType, ComparisonOperator op, Expression right, MetricType rightType, MetricType domain)
    {
        var guard = AllOf(HasValue(left), HasValue(right));
        var l = ToDomain(ValueOf(left), leftType, domain);
        var r = ToDomain(ValueOf(right), rightType, domain);
        return new Condition(When(guard, Comparison(op, l, r, domain)), When(guard, Comparison(op.Opposite(), l, r, domain)));
    }

    private static Expression Comparison(ComparisonOperator op, Expression left, Expression right, MetricType domain)
    {
        if (domain == MetricType.Text)
        {
            return op switch
            {
                ComparisonOperator.Equal => Expression.Call(OrdinalEquals, left, right),
                ComparisonOperator.NotEqual => Expression.Not(Expression.Call(OrdinalEquals, left, right)),
                _ => Expression.MakeBinary(Kind(op), Expression.Call(CodePointCompare, left, right), Expression.Constant(0)),
            };
        }

        return Expression.MakeBinary(Kind(op), left, right);
    }

    private static ExpressionType Kind(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ExpressionType.Equal,
        ComparisonOperator.NotEqual => ExpressionType.NotEqual,
        ComparisonOperator.Less => ExpressionType.LessThan,
        ComparisonOperator.LessOrEqual => ExpressionType.LessThanOrEqual,
        ComparisonOperator.Greater => ExpressionType.GreaterThan,
        _ => ExpressionType.GreaterThanOrEqual,
    };

    /// <summary>Converts a non-null value of one language type to the representation of another (promotion).</summary>
    private static Expression ToDomain(Expression value, MetricType from, MetricType domain) => (value, from, domain) switch
    {
        // Literals are converted once here, not on every evaluation.
        (ConstantExpression { Value: long l }, MetricType.Int, MetricType.Money) => Expression.Constant((decimal)l),
        (ConstantExpression { Value: long l }, MetricType.Int, MetricType.Number) => Expression.Constant((double)l),
        (ConstantExpression { Value: decimal d }, MetricType.Money, MetricType.Number) => Expression.Constant(RuleSemantics.MoneyToNumber(d)),
        (ConstantExpression { Value: DateOnly d }, MetricType.Date, MetricType.Timestamp) => Expression.Constant(RuleSemantics.AtMidnight(d)),
        (_, MetricType.Int, MetricType.Money) => Expression.Convert(value, typeof(decimal)),
        (_, MetricType.Int, MetricType.Number) => Expression.Convert(value, typeof(double)),
        (_, MetricType.Money, MetricType.Number) => Expression.Call(typeof(RuleSemantics).GetMethod(nameof(RuleSemantics.MoneyToNumber))!, value),
        (_, MetricType.Date, MetricType.Timestamp) => Expression.Call(typeof(RuleSemantics).GetMethod(nameof(RuleSemantics.AtMidnight))!, value),
        _ => value,
    };

    private Condition In(InNode node)
    {
        var value = Visit(node.Operand);
        var type = _rule.TypeOf(node.Operand);
        var guard = HasValue(value);
        var matches = node.Items.Select(item =>
        {
            var domain = TypeRules.ComparisonDomain(type, _rule.TypeOf(item))!.Value;
            return Comparison(ComparisonOperator.Equal, ToDomain(ValueOf(value), type, domain), ToDomain(Visit(item), _rule.TypeOf(item), domain), domain);
        }).ToList();
        var any = OrElse(matches);
        return new Condition(When(guard, any), When(guard, Not(any))).NegateIf(node.Negated);
    }

    private Condition Between(BetweenNode node)
    {
        var value = Visit(node.Operand);
        var type = _rule.TypeOf(node.Operand);
        Condition Bound(RuleNode bound, ComparisonOperator op) => CompareValues(
            value, type, op, Visit(bound), _rule.TypeOf(bound), TypeRules.ComparisonDomain(type, _rule.TypeOf(bound))!.Value);
        var atLeast = Bound(node.Low, ComparisonOperator.GreaterOrEqual);
        var atMost = Bound(node.High, ComparisonOperator.LessOrEqual);
        return new Condition(Expression.AndAlso(atLeast.IsTrue, atMost.IsTrue), Expression.OrElse(atLeast.IsFalse, atMost.IsFalse)).NegateIf(node.Negated);
    }

    private Condition IsNull(IsNullNode node)
    {
        var value = Visit(node.Operand);
        var hasValue = HasValue(value) ?? True;
        return new Condition(Not(hasValue), hasValue).NegateIf(node.Negated);
    }

    private Condition TextMatch(TextMatchNode node)
    {
        var name = node.Kind switch
        {
            TextMatchKind.Contains => nameof(RuleSemantics.Contains),
            TextMatchKind.StartsWith => nameof(RuleSemantics.StartsWith),
            _ => nameof(RuleSemantics.EndsWith),
        };
        return Predicate(Visit(node.Operand), typeof(RuleSemantics).GetMethod(name)!, Visit(node.Pattern)).NegateIf(node.Negated);
    }

    private Condition Has(HasNode node) =>
        Predicate(Visit(node.Operand), typeof(RuleSemantics).GetMethod(nameof(RuleSemantics.Has))!, Visit(node.Item)).NegateIf(node.Negated);

    private static Condition Predicate(Expression subject, MethodInfo test, Expression argument)
    {
        var guard = HasValue(subject);
        var call = Expression.Call(test, subject, argument);
        return new Condition(When(guard, call), When(guard, Expression.Not(call)));
    }

    public override Expression VisitLiteral(LiteralNode node) => node.Kind switch
    {
        LiteralKind.Duration => Expression.Constant(((Duration)node.Value!).ToTimeSpan()),
        _ => Expression.Constant(node.Value, ClrTypes.Of(_rule.TypeOf(node))),
    };

    public override Expression VisitMetric(MetricNode node)
    {
        if (!_metrics.TryGetValue(node.Name, out var access))
        {
            var metric = _rule.Metrics.First(m => m.Name == node.Name);
            access = _binder.Bind(metric, out var problem);
            if (problem is not null)
            {
                Diagnostics.Add(_source.Diagnostic(DiagnosticCodes.Target, problem, node.Span) with { Found = node.Name });
            }

            _metrics[node.Name] = access;
        }

        return access ?? Expression.Default(ClrTypes.Nullable(ClrTypes.Of(_rule.TypeOf(node))));
    }

    public override Expression VisitFunction(FunctionNode node)
    {
        var type = _rule.TypeOf(node);
        switch (node.Name)
        {
            case Functions.Today:
                return _today;
            case Functions.Now:
                return _now;
            case Functions.Lower:
                return Expression.Call(typeof(RuleSemantics).GetMethod(nameof(RuleSemantics.Lower))!, Visit(node.Arguments[0]));
            case Functions.DaysSince:
                var argument = Visit(node.Arguments[0]);
                var instant = Guarded(HasValue(argument), ToDomain(ValueOf(argument), _rule.TypeOf(node.Arguments[0]), MetricType.Timestamp));
                return Expression.Call(typeof(RuleSemantics).GetMethod(nameof(RuleSemantics.DaysSince))!,
                    AsNullable(instant), _today);
            case Functions.Abs:
                var operand = Visit(node.Arguments[0]);
                var inner = ValueOf(operand);
                Expression abs = type == MetricType.Duration
                    ? Expression.Call(inner, typeof(TimeSpan).GetMethod(nameof(TimeSpan.Duration))!)
                    : Expression.Call(typeof(Math).GetMethod(nameof(Math.Abs), [inner.Type])!, inner);
                return Guarded(HasValue(operand), abs);
            default:
                return Coalesce(node, type);
        }
    }

    private Expression Coalesce(FunctionNode node, MetricType type)
    {
        var arguments = node.Arguments.Select(a => (Value: Visit(a), Type: _rule.TypeOf(a))).ToList();
        Expression Converted((Expression Value, MetricType Type) argument) =>
            Guarded(HasValue(argument.Value), ToDomain(ValueOf(argument.Value), argument.Type, type));
        var result = AsNullable(Converted(arguments[^1]));
        for (var i = arguments.Count - 2; i >= 0; i--)
        {
            var candidate = Converted(arguments[i]);
            var guard = HasValue(candidate);
            result = guard is null ? AsNullable(candidate) : Expression.Condition(guard, AsNullable(candidate), result);
        }

        return result;
    }

    public override Expression VisitNegate(NegateNode node)
    {
        var operand = Visit(node.Operand);
        var inner = ValueOf(operand);
        var negated = inner.Type == typeof(long) ? Expression.NegateChecked(inner) : Expression.Negate(inner);
        return Guarded(HasValue(operand), negated);
    }

    public override Expression VisitArithmetic(ArithmeticNode node)
    {
        var type = _rule.TypeOf(node);
        MetricType leftType = _rule.TypeOf(node.Left), rightType = _rule.TypeOf(node.Right);
        Expression left = Visit(node.Left), right = Visit(node.Right);

        if (node.Operator == ArithmeticOperator.Divide)
        {
            var domain = type;
            var method = domain == MetricType.Money ? nameof(RuleSemantics.DivideMoney) : nameof(RuleSemantics.DivideNumber);
            return Expression.Call(typeof(RuleSemantics).GetMethod(method)!,
                AsNullable(Guarded(HasValue(left), ToDomain(ValueOf(left), leftType, domain))),
                AsNullable(Guarded(HasValue(right), ToDomain(ValueOf(right), rightType, domain))));
        }

        var guard = AllOf(HasValue(left), HasValue(right));
        Expression l = ValueOf(left), r = ValueOf(right);
        if (type.IsNumeric())
        {
            l = ToDomain(l, leftType, type);
            r = ToDomain(r, rightType, type);
        }
        else if (leftType == MetricType.Duration && rightType.IsTemporal())
        {
            (l, r) = (ToDomain(r, rightType, MetricType.Timestamp), l);
        }
        else
        {
            l = leftType.IsTemporal() ? ToDomain(l, leftType, MetricType.Timestamp) : l;
            r = rightType.IsTemporal() ? ToDomain(r, rightType, MetricType.Timestamp) : r;
        }

        var isInt = type == MetricType.Int;
        Expression result = node.Operator switch
        {
            ArithmeticOperator.Add => isInt ? Expression.AddChecked(l, r) : Expression.Add(l, r),
            ArithmeticOperator.Subtract => isInt ? Expression.SubtractChecked(l, r) : Expression.Subtract(l, r),
            _ => isInt ? Expression.MultiplyChecked(l, r) : Expression.Multiply(l, r),
        };
        return Guarded(guard, result);
    }

    public override Expression VisitComparison(ComparisonNode node) => ToValue(Condition(node));

    public override Expression VisitLogical(LogicalNode node) => ToValue(Condition(node));

    public override Expression VisitNot(NotNode node) => ToValue(Condition(node));

    public override Expression VisitIn(InNode node) => ToValue(Condition(node));

    public override Expression VisitBetween(BetweenNode node) => ToValue(Condition(node));

    public override Expression VisitIsNull(IsNullNode node) => ToValue(Condition(node));

    public override Expression VisitTextMatch(TextMatchNode node) => ToValue(Condition(node));

    public override Expression VisitHas(HasNode node) => ToValue(Condition(node));
}
