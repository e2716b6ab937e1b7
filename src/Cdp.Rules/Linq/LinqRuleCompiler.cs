using Cdp.Rules.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using Cdp.Rules.Checking;
using Cdp.Rules.Lowering;
using Cdp.Rules.Runtime;
using Cdp.Rules.Syntax;
using static Cdp.Rules.Linq.ExpressionHelpers;

namespace Cdp.Rules.Linq;

/// <summary>
/// Compiles a checked rule to an expression tree. Values compile to their CLR type (nullable where
/// NULL can occur); conditions compile to a <see cref="TruthPair{T}"/>, so that three-valued logic
/// is exact: <c>NOT (cart_rate &gt;= 0.2)</c> is "cart_rate is not NULL and cart_rate &lt; 0.2".
/// </summary>
internal sealed partial class LinqRuleCompiler : ConditionCompiler<Expression>
{
    private readonly Rule _rule;
    private readonly Expression _today;
    private readonly Expression _now;
    private readonly IMetricBinder _binder;
    private readonly LinqQueryDialect _dialect;
    private readonly SourceText _source;
    private readonly Dictionary<string, Expression?> _metrics = new(StringComparer.Ordinal);

    /// <summary>A compiler whose <c>today()</c> and <c>now()</c> are the clock's values, fixed into the expression.</summary>
    public LinqRuleCompiler(Rule rule, RuleClock clock, IMetricBinder binder, LinqQueryDialect? dialect = null)
        : this(rule, Expression.Constant(clock.Today), Expression.Constant(clock.Now), binder, dialect ?? LinqQueryDialect.InMemory)
    {
    }

    /// <summary>A compiler whose <c>today()</c> and <c>now()</c> read a clock given at each call.</summary>
    public LinqRuleCompiler(Rule rule, ParameterExpression clock, IMetricBinder binder)
        : this(rule, Expression.Property(clock, nameof(RuleClock.Today)), Expression.Property(clock, nameof(RuleClock.Now)), binder, LinqQueryDialect.InMemory)
    {
    }

    /// <summary>The compiler; <paramref name="fields"/> is given for the compiler of an aggregate's WHERE over one event (v2): the event's fields, which its names read.</summary>
    private LinqRuleCompiler(Rule rule, Expression today, Expression now, IMetricBinder binder, LinqQueryDialect dialect, IMetricCatalog? fields = null)
    {
        _rule = rule;
        _today = today;
        _now = now;
        _binder = binder;
        _dialect = dialect;
        _source = new SourceText(rule.Text);
        _fields = fields;
        // An aggregate is read from its derived column, or computed over the profile's events collection when it has one.
        var missing = fields is not null ? [] : rule.MissingDerivedColumns();
        var overEvents = missing.Count == 0 ? [] : rule.DerivedNodes().OfType<AggregateNode>().Where(n => EventsFor(n) is not null).Select(n => rule.DerivedOf(n).Name).ToHashSet(StringComparer.Ordinal);
        _missingDerived = [.. missing.Where(d => !overEvents.Contains(d.Expected!))];
        Diagnostics.AddRange(_missingDerived);
    }

    /// <summary>The derived columns (v2) the rule's catalog lacks and no events collection computes: refused by <see cref="Diagnostics"/>, read as NULL meanwhile.</summary>
    private readonly IReadOnlyList<Diagnostic> _missingDerived;

    public List<Diagnostic> Diagnostics { get; } = [];

    public Expression CompileIsTrue() => _dialect.Finish(Condition(_rule.Syntax).IsTrue);

    protected override Expression Constant(bool value) => Expression.Constant(value);

    protected override Expression All(IEnumerable<Expression> conditions) => AndAlso(conditions);

    protected override Expression Any(IEnumerable<Expression> conditions) => OrElse(conditions);

    protected override TruthPair<Expression> FromValue(Expression value)
    {
        if (!CanBeNull(value))
        {
            return new TruthPair<Expression>(value, Not(value));
        }

        var guard = HasValue(value)!;
        var inner = ValueOf(value);
        return new TruthPair<Expression>(Expression.AndAlso(guard, inner), Expression.AndAlso(guard, Expression.Not(inner)));
    }

    protected override Expression ToValue(TruthPair<Expression> condition) => Expression.Condition(
        condition.IsTrue,
        Expression.Constant(true, typeof(bool?)),
        Expression.Condition(condition.IsFalse, Expression.Constant(false, typeof(bool?)), Expression.Default(typeof(bool?))));

    protected override TruthPair<Expression> Compare(ComparisonNode node)
    {
        RuleNode leftNode = node.Left, rightNode = node.Right;
        var op = node.Operator;
        var domain = TypeRules.ComparisonDomain(_rule.TypeOf(leftNode), _rule.TypeOf(rightNode))!.Value;
        return CompareValues(node, Visit(leftNode), _rule.TypeOf(leftNode), op, Visit(rightNode), _rule.TypeOf(rightNode), domain);
    }

    private TruthPair<Expression> CompareValues(RuleNode at, Expression left, MetricType leftType, ComparisonOperator op, Expression right, MetricType rightType, MetricType domain)
    {
        var guard = AllOf(HasValue(left), HasValue(right));
        var l = ToDomain(at, ValueOf(left), leftType, domain);
        var r = ToDomain(at, ValueOf(right), rightType, domain);
        return new TruthPair<Expression>(When(guard, Comparison(at, op, l, r, domain)), When(guard, Comparison(at, op.Opposite(), l, r, domain)));
    }

    private Expression Comparison(RuleNode at, ComparisonOperator op, Expression left, Expression right, MetricType domain) =>
        domain == MetricType.Text
            ? Supported(at, "comparing texts", _dialect.CompareText(op, left, right), typeof(bool))
            : Supported(at, "comparing values", _dialect.Compare(op, left, right), typeof(bool));

    /// <summary>Converts a non-null value of one language type to the representation of another (promotion).</summary>
    private Expression ToDomain(RuleNode at, Expression value, MetricType from, MetricType domain) => (value, from, domain) switch
    {
        // Literals are converted once here, not on every evaluation.
        (ConstantExpression { Value: long l }, MetricType.Int, MetricType.Money) => Expression.Constant((decimal)l),
        (ConstantExpression { Value: long l }, MetricType.Int, MetricType.Number) => Expression.Constant((double)l),
        (ConstantExpression { Value: decimal d }, MetricType.Money, MetricType.Number) => Expression.Constant(RuleSemantics.MoneyToNumber(d)),
        (ConstantExpression { Value: DateOnly d }, MetricType.Date, MetricType.Timestamp) => Expression.Constant(RuleSemantics.AtMidnight(d)),
        (_, MetricType.Int, MetricType.Money) => Expression.Convert(value, typeof(decimal)),
        (_, MetricType.Int, MetricType.Number) => Expression.Convert(value, typeof(double)),
        (_, MetricType.Money, MetricType.Number) => Supported(at, "money read as a number", _dialect.MoneyToNumber(value), typeof(double)),
        (_, MetricType.Date, MetricType.Timestamp) => Supported(at, "a stored date taken as a timestamp", _dialect.DateAtMidnight(value), typeof(DateTime)),
        _ => value,
    };

    protected override TruthPair<Expression> In(InNode node)
    {
        var value = Visit(node.Operand);
        var type = _rule.TypeOf(node.Operand);
        var guard = HasValue(value);
        var matches = node.Items.Select(item =>
        {
            var domain = TypeRules.ComparisonDomain(type, _rule.TypeOf(item))!.Value;
            return Comparison(node, ComparisonOperator.Equal, ToDomain(node, ValueOf(value), type, domain), ToDomain(node, Visit(item), _rule.TypeOf(item), domain), domain);
        }).ToList();
        var any = OrElse(matches);
        return new TruthPair<Expression>(When(guard, any), When(guard, Not(any)));
    }

    protected override TruthPair<Expression> IsNull(IsNullNode node)
    {
        var value = Visit(node.Operand);
        var hasValue = HasValue(value) ?? True;
        return new TruthPair<Expression>(Not(hasValue), hasValue);
    }

    protected override TruthPair<Expression> TextMatch(TextMatchNode node)
    {
        var subject = Visit(node.Operand);
        var pattern = (string)node.Pattern.Value!;
        return Predicate(subject, Supported(node, node.Kind.ToString(), _dialect.TextMatch(node.Kind, ValueOf(subject), pattern), typeof(bool)));
    }

    protected override TruthPair<Expression> Has(HasNode node)
    {
        var subject = Visit(node.Operand);
        var item = (string)node.Item.Value!;
        return Predicate(subject, Supported(node, "HAS", _dialect.Has(subject, item), typeof(bool)));
    }

    private static TruthPair<Expression> Predicate(Expression subject, Expression test)
    {
        var guard = HasValue(subject);
        return new TruthPair<Expression>(When(guard, test), When(guard, Not(test)));
    }

    /// <summary>The dialect's expression, or a placeholder and a diagnostic naming the construct where it has none.</summary>
    private Expression Supported(RuleNode node, string construct, Expression? expression, Type type)
    {
        if (expression is not null)
        {
            return expression;
        }

        Diagnostics.Add(_source.Diagnostic(
            DiagnosticCodes.Target,
            $"{construct} (`{_source.Slice(node.Span)}`) cannot be translated exactly by {_dialect.Name}",
            node.Span) with { Found = _source.Slice(node.Span) });
        return Expression.Default(type);
    }

    public override Expression VisitLiteral(LiteralNode node) => node.Kind switch
    {
        LiteralKind.Duration => Expression.Constant(((Duration)node.Value!).ToTimeSpan()),
        _ => Expression.Constant(node.Value, ClrTypes.Of(_rule.TypeOf(node))),
    };

    public override Expression VisitMetric(MetricNode node) =>
        _fields is not null ? Field(node, node.Name) : Read(node.Name, _rule.Metrics.First(m => m.Name == node.Name), node);

    /// <summary>An aggregate (v2): read from its derived column when the catalog declares it, else computed over the profile's events.</summary>
    public override Expression VisitAggregate(AggregateNode node) =>
        !_rule.Catalog.TryGetMetric(_rule.DerivedOf(node).Name, out _) && EventsFor(node) is { } events
            ? OverEvents(node, events)
            : ReadDerived(node);

    /// <summary>A segment reference (v2): its derived column, and a member only when it holds TRUE (never UNKNOWN).</summary>
    public override Expression VisitInSegment(InSegmentNode node) =>
        Expression.Convert(Expression.Equal(ReadDerived(node), Expression.Constant(true, typeof(bool?))), typeof(bool?));

    private Expression ReadDerived(RuleNode node)
    {
        var derived = _rule.DerivedOf(node);
        return _missingDerived.Any(d => d.Expected == derived.Name)
            ? Expression.Default(ClrTypes.Nullable(ClrTypes.Of(derived.Type)))
            : Read(derived.Name, derived.Definition, node);
    }

    private Expression Read(string name, MetricDefinition metric, RuleNode node)
    {
        if (!_metrics.TryGetValue(name, out var access))
        {
            access = _binder.Bind(metric, out var problem);
            if (problem is not null)
            {
                Diagnostics.Add(_source.Diagnostic(DiagnosticCodes.Target, problem, node.Span) with { Found = _source.Slice(node.Span) });
            }
            else if (!_dialect.Reads(metric.Type))
            {
                access = Supported(node, $"a stored {metric.Type.ToDisplayName()} metric", null, ClrTypes.Nullable(ClrTypes.Of(metric.Type)));
            }

            _metrics[name] = access;
        }

        return access ?? Expression.Default(ClrTypes.Nullable(ClrTypes.Of(metric.Type)));
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
                return Supported(node, "lower", _dialect.Lower(Visit(node.Arguments[0])), typeof(string));
            case Functions.DaysSince:
                var argument = Visit(node.Arguments[0]);
                var instant = AsNullable(Guarded(HasValue(argument), ToDomain(node, ValueOf(argument), _rule.TypeOf(node.Arguments[0]), MetricType.Timestamp)));
                return OnStored(node, "days_since of a stored value", typeof(long?), d => d.DaysSince(instant, _today), instant);
            case Functions.Abs:
                var operand = Visit(node.Arguments[0]);
                var inner = ValueOf(operand);
                var abs = type != MetricType.Duration
                    ? Supported(node, "abs", _dialect.Abs(inner), inner.Type)
                    : OnStored(node, "abs of a stored duration", typeof(TimeSpan), d => d.DurationAbs(inner), inner);
                return Guarded(HasValue(operand), abs);
            default:
                return Coalesce(node, type);
        }
    }

    private Expression Coalesce(FunctionNode node, MetricType type)
    {
        var arguments = node.Arguments.Select(a => (Value: Visit(a), Type: _rule.TypeOf(a))).ToList();
        Expression Converted((Expression Value, MetricType Type) argument) =>
            Guarded(HasValue(argument.Value), ToDomain(node, ValueOf(argument.Value), argument.Type, type));
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
        var negated = inner.Type == typeof(long) && _dialect.CheckedIntArithmetic ? Expression.NegateChecked(inner) : Expression.Negate(inner);
        return Guarded(HasValue(operand), negated);
    }

    public override Expression VisitArithmetic(ArithmeticNode node)
    {
        var type = _rule.TypeOf(node);
        MetricType leftType = _rule.TypeOf(node.Left), rightType = _rule.TypeOf(node.Right);
        Expression left = Visit(node.Left), right = Visit(node.Right);

        if (node.Operator == ArithmeticOperator.Divide)
        {
            var dividend = AsNullable(Guarded(HasValue(left), ToDomain(node, ValueOf(left), leftType, type)));
            var divisor = AsNullable(Guarded(HasValue(right), ToDomain(node, ValueOf(right), rightType, type)));
            return type == MetricType.Money
                ? Supported(node, "money division", _dialect.DivideMoney(dividend, divisor), typeof(decimal?))
                : Supported(node, "division", _dialect.DivideNumber(dividend, divisor), typeof(double?));
        }

        var guard = AllOf(HasValue(left), HasValue(right));
        Expression l = ValueOf(left), r = ValueOf(right);
        if (type.IsNumeric())
        {
            l = ToDomain(node, l, leftType, type);
            r = ToDomain(node, r, rightType, type);
        }
        else
        {
            if (leftType == MetricType.Duration && rightType.IsTemporal())
            {
                (l, r) = (ToDomain(node, r, rightType, MetricType.Timestamp), l);
            }
            else
            {
                l = leftType.IsTemporal() ? ToDomain(node, l, leftType, MetricType.Timestamp) : l;
                r = rightType.IsTemporal() ? ToDomain(node, r, rightType, MetricType.Timestamp) : r;
            }

            return Guarded(guard, OnStored(node, "arithmetic on a stored time or duration", ClrTypes.Of(type), d => d.TemporalArithmetic(node.Operator, l, r), l, r));
        }

        var isInt = type == MetricType.Int && _dialect.CheckedIntArithmetic;
        Expression result = node.Operator switch
        {
            ArithmeticOperator.Add => isInt ? Expression.AddChecked(l, r) : Expression.Add(l, r),
            ArithmeticOperator.Subtract => isInt ? Expression.SubtractChecked(l, r) : Expression.Subtract(l, r),
            _ => isInt ? Expression.MultiplyChecked(l, r) : Expression.Multiply(l, r),
        };
        return Guarded(guard, result);
    }

    /// <summary>
    /// An operation spelt by the dialect where an operand reads the profile (or a clock given at each call); over
    /// literals and a fixed clock alone it is computed in memory, once, whatever the dialect (a provider evaluates
    /// such a subtree before it translates).
    /// </summary>
    private Expression OnStored(RuleNode node, string construct, Type type, Func<LinqQueryDialect, Expression?> spell, params Expression[] operands) =>
        operands.Any(o => new ParameterFinder().Finds(o))
            ? Supported(node, construct, spell(_dialect), type)
            : spell(LinqQueryDialect.InMemory)!;
}
