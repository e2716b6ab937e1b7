using Cdp.Rules.Diagnostics;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Checking;

/// <summary>
/// Resolves metric and function names against the catalog, types every node and reports every type
/// error of the rule at once. Produces the canonical tree (catalog spelling, lower-case function names)
/// with the type of each node.
/// </summary>
internal sealed partial class TypeChecker : RuleVisitor<TypeChecker.Typed>
{
    internal readonly record struct Typed(RuleNode Node, MetricType? Type);

    private readonly IMetricCatalog _catalog;
    private readonly SourceText _source;
    private readonly List<Diagnostic> _diagnostics;
    private readonly Dictionary<RuleNode, MetricType> _types;
    private readonly Dictionary<string, MetricDefinition> _used = new(StringComparer.Ordinal);

    private TypeChecker(IMetricCatalog catalog, SourceText source, List<Diagnostic> diagnostics, Scope scope, RuleOptions options,
        Dictionary<RuleNode, MetricType>? types = null)
    {
        _catalog = catalog;
        _source = source;
        _diagnostics = diagnostics;
        _scope = scope;
        _segments = options.Segments;
        _options = options;
        _types = types ?? new(ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// A checked tree: its types, the catalog metrics it reads, what it needs beyond them (v2), and the computed metrics
    /// it names (each the root of its expression's tree, with the name written).
    /// </summary>
    internal sealed record Checked(RuleNode Tree, IReadOnlyDictionary<RuleNode, MetricType> Types, IReadOnlyList<MetricDefinition> Metrics, IReadOnlyList<DerivedMetric> Derived,
        IReadOnlyDictionary<RuleNode, string> ComputedNames);

    public static Checked? Check(
        RuleNode tree, IMetricCatalog catalog, SourceText source, List<Diagnostic> diagnostics, bool requireCondition, RuleOptions options)
    {
        var checker = new TypeChecker(catalog, source, diagnostics, Scope.Profile, options);
        var before = diagnostics.Count;
        var root = checker.Visit(tree);
        if (requireCondition && root.Type is { } type && type != MetricType.Bool)
        {
            var written = source.Slice(tree.Span);
            checker.Error(DiagnosticCodes.NotBoolean, tree.Span,
                $"a rule must be a condition, but `{written}` is {type.WithArticle()}; compare it, as in `{written} > 0`");
        }

        return diagnostics.Count > before ? null : new Checked(root.Node, checker._types, checker._used.Values.ToList(), checker._derived.Values.ToList(), checker._computedNames);
    }

    public override Typed VisitLiteral(LiteralNode node)
    {
        MetricType? type = node.Kind switch
        {
            LiteralKind.Integer => MetricType.Int,
            LiteralKind.Decimal => MetricType.Money,
            LiteralKind.Text => MetricType.Text,
            LiteralKind.Boolean => MetricType.Bool,
            LiteralKind.Date => MetricType.Date,
            LiteralKind.Timestamp => MetricType.Timestamp,
            LiteralKind.Duration => MetricType.Duration,
            _ => null,
        };
        if (type is null)
        {
            Error(DiagnosticCodes.NullValue, node.Span, "NULL is not a value that can be used here; test for it with `IS NULL` or `IS NOT NULL`");
            return new Typed(node, null);
        }

        return Set(node, type.Value);
    }

    public override Typed VisitMetric(MetricNode node)
    {
        if (_catalog.TryGetMetric(node.Name, out var metric))
        {
            _used.TryAdd(metric.Name, metric);
            return Set(node.Name == metric.Name ? node : new MetricNode(node.Span, metric.Name), metric.Type);
        }

        if (_scope == Scope.Profile && ComputedMetricNamed(node.Name) is { } computed)
        {
            return Expand(node, computed);
        }

        if (_scope == Scope.Since)
        {
            Error(DiagnosticCodes.NotAllowedHere, node.Span,
                $"SINCE takes a date or a time from literals, today() and now(); `{node.Name}` cannot stand in it");
            return new Typed(node, null);
        }

        if (_scope == Scope.Where)
        {
            Unknown(DiagnosticCodes.UnknownEventField, node.Name, node.Span, "event field", _catalog.Metrics.Select(m => m.Name));
            return new Typed(node, null);
        }

        var suggestion = _catalog.SuggestMetric(node.Name)
            ?? (_options.ComputedMetrics is { Count: > 0 } definitions ? EditDistance.Closest(node.Name, definitions.Select(m => m.Name).ToList()) : null);
        var function = Functions.All.FirstOrDefault(f => string.Equals(f, node.Name, StringComparison.OrdinalIgnoreCase));
        var message = function is not null
            ? $"`{node.Name}` is a function: call it as `{function}()`"
            : suggestion is not null
                ? $"unknown metric `{node.Name}`; did you mean `{suggestion}`?"
                : $"unknown metric `{node.Name}`";
        _diagnostics.Add(_source.Diagnostic(DiagnosticCodes.UnknownMetric, message, node.Span) with
        {
            Found = node.Name,
            Expected = "a metric of the catalog",
            Suggestion = function is not null ? function + "()" : suggestion,
        });
        return new Typed(node, null);
    }

    public override Typed VisitFunction(FunctionNode node)
    {
        var arguments = node.Arguments.Select(Visit).ToList();
        var name = Functions.All.FirstOrDefault(f => string.Equals(f, node.Name, StringComparison.OrdinalIgnoreCase));
        var rebuilt = new FunctionNode(node.Span, name ?? node.Name, arguments.Select(a => a.Node).ToList());
        if (name is null)
        {
            var suggestion = EditDistance.Closest(node.Name, Functions.All);
            var nameSpan = new TextSpan(node.Span.Start, node.Name.Length);
            _diagnostics.Add(_source.Diagnostic(DiagnosticCodes.UnknownFunction,
                suggestion is null
                    ? $"unknown function `{node.Name}`; the functions are {string.Join(", ", Functions.All.Select(f => $"`{f}`"))}"
                    : $"unknown function `{node.Name}`; did you mean `{suggestion}`?",
                nameSpan) with { Found = node.Name, Expected = "a function", Suggestion = suggestion });
            return new Typed(rebuilt, null);
        }

        if (arguments.Any(a => a.Type is null))
        {
            return new Typed(rebuilt, null);
        }

        var types = arguments.Select(a => a.Type!.Value).ToList();
        return name switch
        {
            Functions.Today => Arity(rebuilt, 0) ? Set(rebuilt, MetricType.Date) : new Typed(rebuilt, null),
            Functions.Now => Arity(rebuilt, 0) ? Set(rebuilt, MetricType.Timestamp) : new Typed(rebuilt, null),
            Functions.Abs => Arity(rebuilt, 1) && Expect(arguments[0], t => t.IsNumeric() || t == MetricType.Duration, "a number or a duration", "abs")
                ? Set(rebuilt, types[0]) : new Typed(rebuilt, null),
            Functions.Lower => Arity(rebuilt, 1) && Expect(arguments[0], t => t == MetricType.Text, "text", "lower")
                ? Set(rebuilt, MetricType.Text) : new Typed(rebuilt, null),
            Functions.DaysSince => Arity(rebuilt, 1) && Expect(arguments[0], t => t.IsTemporal(), "a timestamp or a date", "days_since")
                ? Set(rebuilt, MetricType.Int) : new Typed(rebuilt, null),
            _ => Coalesce(rebuilt, arguments),
        };
    }

    private Typed Coalesce(FunctionNode node, List<Typed> arguments)
    {
        if (arguments.Count < 2)
        {
            Error(DiagnosticCodes.ArgumentCount, node.Span, $"`coalesce` takes two or more arguments, but {arguments.Count} {(arguments.Count == 1 ? "was" : "were")} given");
            return new Typed(node, null);
        }

        var common = arguments[0].Type!.Value;
        foreach (var argument in arguments.Skip(1))
        {
            if (TypeRules.Common(common, argument.Type!.Value) is not { } next)
            {
                Error(DiagnosticCodes.TypeMismatch, argument.Node.Span,
                    $"the arguments of `coalesce` must share a type: `{Text(argument.Node)}` is {argument.Type!.Value.WithArticle()}, the ones before it {common.WithArticle()}");
                return new Typed(node, null);
            }

            common = next;
        }

        return Set(node, common);
    }

    public override Typed VisitNegate(NegateNode node)
    {
        var operand = Visit(node.Operand);
        var rebuilt = new NegateNode(node.Span, operand.Node);
        if (operand.Type is not { } type)
        {
            return new Typed(rebuilt, null);
        }

        if (!type.IsNumeric() && type != MetricType.Duration)
        {
            Error(DiagnosticCodes.TypeMismatch, node.Operand.Span, $"cannot negate `{Text(node.Operand)}`: it is {type.WithArticle()}, not a number");
            return new Typed(rebuilt, null);
        }

        return Set(rebuilt, type);
    }

    public override Typed VisitArithmetic(ArithmeticNode node)
    {
        var left = Visit(node.Left);
        var right = Visit(node.Right);
        var rebuilt = new ArithmeticNode(node.Span, node.Operator, left.Node, right.Node);
        if (left.Type is not { } l || right.Type is not { } r)
        {
            return new Typed(rebuilt, null);
        }

        if (TypeRules.Arithmetic(node.Operator, l, r) is { } result)
        {
            return Set(rebuilt, result);
        }

        var symbol = node.Operator.Symbol();
        var leftFits = l.IsNumeric() || (node.Operator is ArithmeticOperator.Add or ArithmeticOperator.Subtract && (l.IsTemporal() || l == MetricType.Duration));
        var offending = leftFits ? node.Right : node.Left;
        if (l.IsTemporal() && node.Operator is ArithmeticOperator.Add or ArithmeticOperator.Subtract
            && offending is LiteralNode { Kind: LiteralKind.Integer, Value: long days } && offending == node.Right)
        {
            // `now() - 30`: a time moves by a duration; the number alone says no unit.
            var fix = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{days}d");
            _diagnostics.Add(_source.Diagnostic(DiagnosticCodes.TypeMismatch,
                $"cannot apply `{symbol}` to {l.WithArticle()} and {r.WithArticle()}: a time moves by a duration; did you mean `{fix}`?", offending.Span)
                with { Found = Text(offending), Suggestion = fix });
            return new Typed(rebuilt, null);
        }

        Error(DiagnosticCodes.TypeMismatch, offending.Span,
            $"cannot apply `{symbol}` to {l.WithArticle()} and {r.WithArticle()}: `{Text(offending)}` does not fit");
        return new Typed(rebuilt, null);
    }

    public override Typed VisitComparison(ComparisonNode node)
    {
        var nullSide = node.Left is LiteralNode { Kind: LiteralKind.Null } ? node.Left
            : node.Right is LiteralNode { Kind: LiteralKind.Null } ? node.Right : null;
        if (nullSide is not null && node.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            var other = ReferenceEquals(nullSide, node.Left) ? node.Right : node.Left;
            var replacement = node.Operator == ComparisonOperator.Equal ? "IS NULL" : "IS NOT NULL";
            Visit(other);
            _diagnostics.Add(_source.Diagnostic(DiagnosticCodes.NullValue,
                $"a comparison with NULL is never true; write `{Text(other)} {replacement}`", node.Span) with
            {
                Found = _source.Slice(node.Span),
                Expected = replacement,
                Suggestion = $"{Text(other)} {replacement}",
            });
            return new Typed(node, null);
        }

        var left = Visit(node.Left);
        var right = Visit(node.Right);
        var rebuilt = new ComparisonNode(node.Span, node.Operator, left.Node, right.Node);
        return CheckComparable(left, right, node.Operator) ? Set(rebuilt, MetricType.Bool) : new Typed(rebuilt, null);
    }

    public override Typed VisitLogical(LogicalNode node)
    {
        var operands = node.Operands.Select(Visit).ToList();
        var rebuilt = new LogicalNode(node.Span, node.Operator, operands.Select(o => o.Node).ToList());
        var word = node.Operator == LogicalOperator.And ? "AND" : "OR";
        var valid = operands.All(o => ExpectCondition(o, word));
        return valid ? Set(rebuilt, MetricType.Bool) : new Typed(rebuilt, null);
    }

    public override Typed VisitNot(NotNode node)
    {
        var operand = Visit(node.Operand);
        var rebuilt = new NotNode(node.Span, operand.Node);
        return ExpectCondition(operand, "NOT") ? Set(rebuilt, MetricType.Bool) : new Typed(rebuilt, null);
    }

    public override Typed VisitIn(InNode node)
    {
        var operand = Visit(node.Operand);
        var valid = operand.Type is not null;
        foreach (var item in node.Items)
        {
            if (item.Kind == LiteralKind.Null)
            {
                _diagnostics.Add(_source.Diagnostic(DiagnosticCodes.NullValue,
                    $"NULL cannot be listed in IN (...); add `OR {Text(node.Operand)} IS NULL` instead", item.Span) with { Found = "NULL" });
                valid = false;
                continue;
            }

            var typed = Visit(item);
            valid &= CheckComparable(operand, typed, ComparisonOperator.Equal);
        }

        var rebuilt = new InNode(node.Span, operand.Node, node.Items, node.Negated);
        return valid ? Set(rebuilt, MetricType.Bool) : new Typed(rebuilt, null);
    }

    public override Typed VisitBetween(BetweenNode node)
    {
        var operand = Visit(node.Operand);
        var low = Visit(node.Low);
        var high = Visit(node.High);
        var rebuilt = new BetweenNode(node.Span, operand.Node, low.Node, high.Node, node.Negated);
        var valid = CheckComparable(operand, low, ComparisonOperator.GreaterOrEqual)
            && CheckComparable(operand, high, ComparisonOperator.LessOrEqual);
        return valid ? Set(rebuilt, MetricType.Bool) : new Typed(rebuilt, null);
    }

    public override Typed VisitIsNull(IsNullNode node)
    {
        var operand = Visit(node.Operand);
        var rebuilt = new IsNullNode(node.Span, operand.Node, node.Negated);
        return operand.Type is null ? new Typed(rebuilt, null) : Set(rebuilt, MetricType.Bool);
    }

    public override Typed VisitTextMatch(TextMatchNode node)
    {
        var operand = Visit(node.Operand);
        var rebuilt = new TextMatchNode(node.Span, node.Kind, operand.Node, node.Pattern, node.Negated);
        var word = node.Kind switch
        {
            TextMatchKind.Contains => "CONTAINS",
            TextMatchKind.StartsWith => "STARTS WITH",
            _ => "ENDS WITH",
        };
        var valid = Expect(operand, t => t == MetricType.Text, "text", word);
        Set(node.Pattern, MetricType.Text);
        return valid ? Set(rebuilt, MetricType.Bool) : new Typed(rebuilt, null);
    }

    public override Typed VisitHas(HasNode node)
    {
        var operand = Visit(node.Operand);
        var rebuilt = new HasNode(node.Span, operand.Node, node.Item, node.Negated);
        var valid = Expect(operand, t => t == MetricType.TextList, "a text list", "HAS");
        if (node.Item.Kind == LiteralKind.Null)
        {
            _diagnostics.Add(_source.Diagnostic(DiagnosticCodes.NullValue, "a list never holds NULL; look for a text in quotes", node.Item.Span) with { Found = "NULL" });
            return new Typed(rebuilt, null);
        }

        if (node.Item.Kind != LiteralKind.Text)
        {
            Error(DiagnosticCodes.TypeMismatch, node.Item.Span, $"a text list holds text: write `{Text(node.Item)}` in quotes, as in '{Text(node.Item)}'");
            return new Typed(rebuilt, null);
        }

        Set(node.Item, MetricType.Text);
        return valid ? Set(rebuilt, MetricType.Bool) : new Typed(rebuilt, null);
    }

    private bool CheckComparable(Typed left, Typed right, ComparisonOperator op)
    {
        if (left.Type is not { } l || right.Type is not { } r)
        {
            return false;
        }

        var domain = TypeRules.ComparisonDomain(l, r);
        if (domain is null)
        {
            var offending = l == MetricType.TextList ? left.Node : right.Node;
            var hint = l == MetricType.TextList ? $"; to look inside a list, write `{Text(left.Node)} HAS 'value'`" : "";
            Error(DiagnosticCodes.TypeMismatch, offending.Span,
                $"cannot compare `{Text(left.Node)}` ({l.ToDisplayName()}) with `{Text(right.Node)}` ({r.ToDisplayName()}){hint}");
            return false;
        }

        if (!TypeRules.IsOrdered(domain.Value) && op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            Error(DiagnosticCodes.TypeMismatch, right.Node.Span,
                $"bool values have no order: compare `{Text(left.Node)}` with = or != only");
            return false;
        }

        return true;
    }

    private bool ExpectCondition(Typed operand, string word)
    {
        if (operand.Type is not { } type)
        {
            return false;
        }

        if (type != MetricType.Bool)
        {
            Error(DiagnosticCodes.TypeMismatch, operand.Node.Span,
                $"{word} needs a condition, but `{Text(operand.Node)}` is {type.WithArticle()}; compare it, as in `{Text(operand.Node)} > 0`");
            return false;
        }

        return true;
    }

    private bool Expect(Typed operand, Func<MetricType, bool> fits, string wanted, string construct)
    {
        if (operand.Type is not { } type)
        {
            return false;
        }

        if (!fits(type))
        {
            Error(DiagnosticCodes.TypeMismatch, operand.Node.Span,
                $"{construct} needs {wanted}, but `{Text(operand.Node)}` is {type.WithArticle()}");
            return false;
        }

        return true;
    }

    private bool Arity(FunctionNode node, int count)
    {
        if (node.Arguments.Count == count)
        {
            return true;
        }

        Error(DiagnosticCodes.ArgumentCount, node.Span,
            $"`{node.Name}` takes {Count(count)}, but {Count(node.Arguments.Count)} {(node.Arguments.Count == 1 ? "was" : "were")} given");
        return false;
    }

    private static string Count(int count) => count switch
    {
        0 => "no arguments",
        1 => "one argument",
        _ => $"{count} arguments",
    };

    private Typed Set(RuleNode node, MetricType type)
    {
        _types[node] = type;
        return new Typed(node, type);
    }

    private void Error(string code, TextSpan span, string message) =>
        _diagnostics.Add(_source.Diagnostic(code, message, span) with { Found = _source.Slice(span) });

    private string Text(RuleNode node) => _source.Slice(node.Span);
}
