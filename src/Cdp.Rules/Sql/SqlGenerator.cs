using System.Globalization;
using Cdp.Rules.Checking;
using Cdp.Rules.Runtime;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Sql;

/// <summary>
/// One SQL generator for every dialect. SQL is three-valued already, so AND, OR, NOT and comparisons
/// map one to one; what needs care is typing (explicit casts to the comparison domain), division by zero
/// (NULLIF), money division (rounded to 6 places), ordinal text, literal text tests and the clock (a
/// parameter, never CURRENT_DATE). Every compound is parenthesised, so no engine's precedence matters.
/// </summary>
internal sealed class SqlGenerator : RuleVisitor<string>
{
    private readonly Rule _rule;
    private readonly SqlDialect _dialect;
    private readonly RuleClock _clock;
    private readonly List<SqlParameter> _parameters = [];
    private readonly Dictionary<(object? Value, MetricType Type), string> _placeholders = [];

    private readonly int _firstParameter;

    private SqlGenerator(Rule rule, SqlDialect dialect, RuleClock clock, int firstParameter = 1)
    {
        // v2: SQL has no diagnostics channel, so a rule whose profiles lack a derived column is an exception that says which.
        if (rule.MissingDerivedColumns() is [var missing, ..])
        {
            throw new ArgumentException(missing.ToString(), nameof(rule));
        }

        _rule = rule;
        _dialect = dialect;
        _clock = clock;
        _firstParameter = firstParameter;
    }

    public static SqlQuery Condition(Rule rule, SqlDialect dialect, RuleClock clock, int firstParameter = 1)
    {
        var generator = new SqlGenerator(rule, dialect, clock, firstParameter);
        var text = generator.Visit(rule.Syntax);
        return new SqlQuery(text, generator._parameters);
    }

    public static SqlQuery Select(Rule rule, SqlDialect dialect, RuleClock clock, string table, string idColumn)
    {
        var generator = new SqlGenerator(rule, dialect, clock);
        var condition = generator.Visit(rule.Syntax);
        var name = string.Join(".", table.Split('.').Select(dialect.QuoteIdentifier));
        var text = $"SELECT {dialect.QuoteIdentifier(idColumn)} FROM {name} WHERE {condition}";
        return new SqlQuery(text, generator._parameters);
    }

    /// <summary>A value the rule holds: a placeholder where the dialect takes parameters, else an escaped literal.</summary>
    private string Value(object? value, MetricType type)
    {
        if (!_dialect.UsesParameters)
        {
            return _dialect.Inline(value, type);
        }

        if (!_placeholders.TryGetValue((value, type), out var placeholder))
        {
            var name = _dialect.Placeholder(_firstParameter + _parameters.Count);
            _parameters.Add(new SqlParameter(name, value, type));
            placeholder = value is decimal d ? $"CAST({name} AS {DecimalType(d)})" : _dialect.Cast(name, type);
            _placeholders[(value, type)] = placeholder;
        }

        return placeholder;
    }

    private static string DecimalType(decimal value)
    {
        var scale = value.Scale;
        var digits = decimal.Truncate(Math.Abs(value)).ToString(CultureInfo.InvariantCulture).Length;
        return $"DECIMAL({Math.Min(38, digits + scale)},{scale})";
    }

    public override string VisitLiteral(LiteralNode node) => node.Kind switch
    {
        LiteralKind.Duration => _dialect.Duration(Value(((Duration)node.Value!).ToTimeSpan(), MetricType.Duration)),
        _ => Value(node.Value, _rule.TypeOf(node)),
    };

    public override string VisitMetric(MetricNode node)
    {
        var column = _dialect.QuoteIdentifier(node.Name);
        return _rule.TypeOf(node) == MetricType.Duration ? _dialect.Duration(column) : column;
    }

    /// <summary>An aggregate (v2): its derived column (the constructor refused a rule whose profiles lack it).</summary>
    public override string VisitAggregate(AggregateNode node) => _dialect.QuoteIdentifier(_rule.DerivedOf(node).Name);

    /// <summary>A segment reference (v2): its derived column, FALSE where it is NULL (a reference is never UNKNOWN).</summary>
    public override string VisitInSegment(InSegmentNode node) => $"coalesce({_dialect.QuoteIdentifier(_rule.DerivedOf(node).Name)}, FALSE)";

    // Calls are parenthesised too: Spark's grammar (as dt-sql-parser reads it) rejects `a - coalesce(b, c)`.
    public override string VisitFunction(FunctionNode node) => "(" + Call(node) + ")";

    private string Call(FunctionNode node)
    {
        var type = _rule.TypeOf(node);
        switch (node.Name)
        {
            case Functions.Today:
                return Value(_clock.Today, MetricType.Date);
            case Functions.Now:
                return Value(_clock.Now, MetricType.Timestamp);
            case Functions.Lower:
                return _dialect.Lower(Visit(node.Arguments[0]));
            case Functions.DaysSince:
                var argument = node.Arguments[0];
                return _dialect.DaysBetween($"CAST({Visit(argument)} AS DATE)", Value(_clock.Today, MetricType.Date));
            case Functions.Abs when type == MetricType.Duration:
                return _dialect.AbsDuration(Visit(node.Arguments[0]));
            case Functions.Abs:
                return $"abs({Visit(node.Arguments[0])})";
            default:
                return "COALESCE(" + string.Join(", ", node.Arguments.Select(a => ToDomain(a, type))) + ")";
        }
    }

    public override string VisitNegate(NegateNode node) => $"(-{Visit(node.Operand)})";

    public override string VisitArithmetic(ArithmeticNode node)
    {
        var type = _rule.TypeOf(node);
        if (node.Operator == ArithmeticOperator.Divide)
        {
            return type == MetricType.Money
                ? _dialect.DivideMoney(ToDomain(node.Left, type), ToDomain(node.Right, type))
                : _dialect.DivideNumber(Visit(node.Left), Visit(node.Right));
        }

        var symbol = node.Operator.Symbol(); // + - * (a division returned above)
        MetricType leftType = _rule.TypeOf(node.Left), rightType = _rule.TypeOf(node.Right);
        if (type.IsNumeric() || (leftType == MetricType.Duration && rightType == MetricType.Duration))
        {
            return node.Operator == ArithmeticOperator.Subtract
                ? _dialect.Difference(ToDomain(node.Left, type), ToDomain(node.Right, type))
                : $"({ToDomain(node.Left, type)} {symbol} {ToDomain(node.Right, type)})";
        }

        if (type == MetricType.Duration)
        {
            return _dialect.Elapsed(Temporal(node.Left), Temporal(node.Right));
        }

        return leftType == MetricType.Duration
            ? _dialect.Shift(Temporal(node.Right), symbol, Visit(node.Left))
            : _dialect.Shift(Temporal(node.Left), symbol, Visit(node.Right));
    }

    private string Temporal(RuleNode node) =>
        _rule.TypeOf(node) == MetricType.Date ? _dialect.Cast(Visit(node), MetricType.Timestamp) : Visit(node);

    /// <summary>An operand converted to the type it is computed or compared in.</summary>
    private string ToDomain(RuleNode node, MetricType domain)
    {
        var from = _rule.TypeOf(node);
        return (from, domain) switch
        {
            (MetricType.Int or MetricType.Money, MetricType.Number) => _dialect.Cast(Visit(node), MetricType.Number),
            (MetricType.Date, MetricType.Timestamp) => _dialect.Cast(Visit(node), MetricType.Timestamp),
            _ => Visit(node),
        };
    }

    public override string VisitComparison(ComparisonNode node) => Compare(node.Left, node.Operator, node.Right);

    private string Compare(RuleNode left, ComparisonOperator op, RuleNode right)
    {
        var domain = TypeRules.ComparisonDomain(_rule.TypeOf(left), _rule.TypeOf(right))!.Value;
        var symbol = op.Symbol();
        var equality = op is ComparisonOperator.Equal or ComparisonOperator.NotEqual;
        var l = equality && LoweredAgainstAscii(left, [right]) is { } lowered ? lowered : ToDomain(left, domain);
        var r = equality && LoweredAgainstAscii(right, [left]) is { } loweredRight ? loweredRight : ToDomain(right, domain);
        return domain == MetricType.Text && op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual)
            ? "(" + _dialect.OrderText(l, symbol, r) + ")"
            : $"({l} {symbol} {r})";
    }

    public override string VisitLogical(LogicalNode node) =>
        "(" + string.Join(node.Operator == LogicalOperator.And ? " AND " : " OR ", node.Operands.Select(Visit)) + ")";

    public override string VisitNot(NotNode node) => $"(NOT {Visit(node.Operand)})";

    public override string VisitIn(InNode node)
    {
        var operandType = _rule.TypeOf(node.Operand);
        var domain = node.Items.Aggregate(operandType, (d, item) => TypeRules.ComparisonDomain(d, _rule.TypeOf(item))!.Value);
        var items = string.Join(", ", node.Items.Select(item => ToDomain(item, domain)));
        var operand = LoweredAgainstAscii(node.Operand, node.Items) ?? ToDomain(node.Operand, domain);
        return $"({operand}{(node.Negated ? " NOT IN " : " IN ")}({items}))";
    }

    /// <summary>
    /// <c>lower(x)</c> compared for equality only with text literals of ASCII characters, in the dialect's cheaper exact
    /// form for that (<see cref="SqlDialect.LowerForAsciiEquality"/>); null for anything else, or a dialect without one.
    /// </summary>
    private string? LoweredAgainstAscii(RuleNode side, IEnumerable<RuleNode> others) =>
        side is FunctionNode { Name: Functions.Lower, Arguments: [var argument] }
        && others.All(o => o is LiteralNode { Kind: LiteralKind.Text, Value: string text } && System.Text.Ascii.IsValid(text))
            && _dialect.LowerForAsciiEquality(Visit(argument)) is { } form
            ? "(" + form + ")"
            : null;

    public override string VisitBetween(BetweenNode node)
    {
        var within = $"({Compare(node.Operand, ComparisonOperator.GreaterOrEqual, node.Low)} AND {Compare(node.Operand, ComparisonOperator.LessOrEqual, node.High)})";
        return node.Negated ? $"(NOT {within})" : within;
    }

    public override string VisitIsNull(IsNullNode node) => $"({Visit(node.Operand)}{(node.Negated ? " IS NOT NULL" : " IS NULL")})";

    public override string VisitTextMatch(TextMatchNode node)
    {
        var text = Visit(node.Operand);
        var pattern = Visit(node.Pattern);
        var test = node.Kind switch
        {
            TextMatchKind.Contains => _dialect.Contains(text, pattern),
            TextMatchKind.StartsWith => _dialect.StartsWith(text, pattern),
            _ => _dialect.EndsWith(text, pattern),
        };
        return node.Negated ? $"(NOT ({test}))" : $"({test})";
    }

    public override string VisitHas(HasNode node)
    {
        var test = _dialect.ListHas(Visit(node.Operand), Visit(node.Item));
        return node.Negated ? $"(NOT ({test}))" : $"({test})";
    }
}
