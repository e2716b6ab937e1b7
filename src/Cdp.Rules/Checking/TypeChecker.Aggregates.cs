using Cdp.Rules.Diagnostics;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Checking;

/// <summary>The v2 part of the checker: event aggregates and segment references (docs/rule-language.md, "v2").</summary>
internal sealed partial class TypeChecker
{
    /// <summary>Where a node stands: in the rule over the profile, in an aggregate's WHERE (event fields), or in its SINCE (the clock).</summary>
    private enum Scope
    {
        Profile,
        Where,
        Since,
    }

    private static readonly MetricCatalog NoMetrics = new([]);

    private readonly Scope _scope;
    private readonly IReadOnlyCollection<string>? _segments;
    private readonly Dictionary<string, DerivedMetric> _derived = new(StringComparer.Ordinal);

    public override Typed VisitAggregate(AggregateNode node)
    {
        if (_scope != Scope.Profile)
        {
            Error(DiagnosticCodes.NotAllowedHere, node.Span,
                $"an aggregate cannot stand inside {(_scope == Scope.Where ? "WHERE, which reads the fields of one event" : "SINCE, which reads the clock")}");
            return new Typed(node, null);
        }

        var valid = true;
        var kindWord = node.KindName;
        if (EventKinds.TryParse(node.KindName, out var kind))
        {
            kindWord = kind.Word();
        }
        else
        {
            valid = false;
            Unknown(DiagnosticCodes.UnknownEventKind, node.KindName, node.KindSpan, "event kind", EventKinds.Words);
        }

        MetricType? fieldType = null;
        var field = node.Field;
        if (node.Field is { } written)
        {
            if (EventFields.Catalog.TryGetMetric(written, out var definition))
            {
                (field, fieldType) = (definition.Name, definition.Type);
            }
            else
            {
                valid = false;
                Unknown(DiagnosticCodes.UnknownEventField, written, node.FieldSpan, "event field", EventFields.Catalog.Metrics.Select(m => m.Name));
            }
        }

        RuleNode? where = null;
        if (node.Where is { } condition)
        {
            var typed = Nested(EventFields.Catalog, Scope.Where).Visit(condition);
            where = typed.Node;
            valid &= ExpectCondition(typed, "WHERE");
        }

        if (node.Last is { } last)
        {
            if (last.Value is Duration { Amount: > 0 })
            {
                Set(last, MetricType.Duration);
            }
            else
            {
                valid = false;
                Error(DiagnosticCodes.TypeMismatch, last.Span, $"IN LAST needs a positive duration such as 30d, not `{Text(last)}`");
            }
        }

        RuleNode? since = null;
        if (node.Since is { } start)
        {
            var typed = Nested(NoMetrics, Scope.Since).Visit(start);
            since = typed.Node;
            valid &= Expect(typed, t => t is MetricType.Date or MetricType.Timestamp, "a date or a time", "SINCE");
        }

        var type = node.Field is null || fieldType is not null ? ResultType(node, fieldType) : null;
        if (!valid || type is null)
        {
            return new Typed(node, null);
        }

        var rebuilt = new AggregateNode(node.Span, node.Function, field, node.FieldSpan, kindWord, node.KindSpan, where, node.Last, since);
        var text = RulePrinter.Print(rebuilt);
        _derived.TryAdd(text, new DerivedMetric(DerivedMetric.AggregateName(text), type.Value, text));
        return Set(rebuilt, type.Value);
    }

    public override Typed VisitInSegment(InSegmentNode node)
    {
        if (_scope != Scope.Profile)
        {
            Error(DiagnosticCodes.NotAllowedHere, node.Span, $"in_segment cannot stand inside {(_scope == Scope.Where ? "WHERE" : "SINCE")}: it reads the customer, not one event");
            return new Typed(node, null);
        }

        if (_segments is null || !_segments.Contains(node.Segment))
        {
            var known = _segments ?? [];
            var suggestion = EditDistance.Closest(node.Segment, known);
            _diagnostics.Add(_source.Diagnostic(DiagnosticCodes.UnknownSegment,
                _segments is null ? $"unknown segment `{node.Segment}`: no saved segments are known where this rule is checked"
                : suggestion is null ? $"unknown segment `{node.Segment}`"
                : $"unknown segment `{node.Segment}`; did you mean `{suggestion}`?",
                node.NameSpan) with { Found = node.Segment, Expected = "a saved segment", Suggestion = suggestion is null ? null : LiteralText.Quote(suggestion) });
            return new Typed(node, null);
        }

        var text = RulePrinter.Print(node);
        _derived.TryAdd(text, new DerivedMetric(DerivedMetric.SegmentName(node.Segment), MetricType.Bool, text, node.Segment));
        return Set(node, MetricType.Bool);
    }

    /// <summary>The aggregate's type by the contract's rules, or null with a diagnostic when the field does not fit the function.</summary>
    private MetricType? ResultType(AggregateNode node, MetricType? field)
    {
        switch (node.Function)
        {
            case AggregateFunction.Count or AggregateFunction.CountDistinct:
                return MetricType.Int;
            case AggregateFunction.First or AggregateFunction.Last:
                return MetricType.Timestamp;
            case AggregateFunction.Sum or AggregateFunction.Avg when field is MetricType.Int or MetricType.Money:
                return node.Function == AggregateFunction.Avg ? MetricType.Number : field;
            case AggregateFunction.Min or AggregateFunction.Max when field is MetricType.Int or MetricType.Money or MetricType.Text or MetricType.Timestamp:
                return field;
            default:
                var wanted = node.Function is AggregateFunction.Sum or AggregateFunction.Avg ? "a numeric field (price, product_id, category_id)" : "a number, a text or a time";
                Error(DiagnosticCodes.TypeMismatch, node.FieldSpan,
                    $"{node.Function.ToString().ToUpperInvariant()} needs {wanted}, but `{node.Field}` is {field!.Value.WithArticle()}");
                return null;
        }
    }

    private TypeChecker Nested(IMetricCatalog catalog, Scope scope) => new(catalog, _source, _diagnostics, scope, _options, _types);

    private void Unknown(string code, string written, TextSpan span, string what, IEnumerable<string> known)
    {
        var names = known.ToList();
        var suggestion = EditDistance.Closest(written, names);
        _diagnostics.Add(_source.Diagnostic(code,
            suggestion is null
                ? $"unknown {what} `{written}`; the {what}s are {string.Join(", ", names)}"
                : $"unknown {what} `{written}`; did you mean `{suggestion}`?",
            span) with { Found = written, Expected = $"an {what}", Suggestion = suggestion });
    }
}
