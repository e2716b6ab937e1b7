using System.Text.RegularExpressions;
using Cdp.Rules;
using Cdp.Rules.Parsing;
using Cdp.Rules.Syntax;

namespace Cdp.Pipeline.Metrics;

/// <summary>What a check of a new computed metric found: its type when it will do; otherwise the mistakes of its expression, or the problem with its name.</summary>
public sealed record ComputedMetricVerdict(MetricType? Type, IReadOnlyList<Diagnostic> Diagnostics, string? Problem, bool NameTaken = false)
{
    public bool Accepted => Type is not null;
}

/// <summary>
/// The rules a computed metric (v2) is held to before it joins the catalog: a lower-case identifier that no catalog
/// metric, other computed metric or derived column has and that the language reads as a name; a description of one
/// line; and an expression that checks against the catalog (with the computed metrics known, so naming one is the
/// checker's "cannot use another computed metric") and reads no segment (a segment may read a metric: the other way
/// round would let a metric and a segment read each other).
/// </summary>
public static partial class ComputedMetricCheck
{
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 1000;

    public static ComputedMetricVerdict Check(string? name, string? expression, string? description, ProfileCatalog catalog,
        IReadOnlyCollection<ComputedMetric> existing, IReadOnlyCollection<string> segments)
    {
        if (NameProblem(name, catalog, existing) is { } problem)
        {
            return new ComputedMetricVerdict(null, [], problem.Message, problem.Taken);
        }

        if (description is { Length: > MaxDescriptionLength })
        {
            return new ComputedMetricVerdict(null, [], $"a description has at most {MaxDescriptionLength} characters, not {description.Length}");
        }

        if (description is not null && description.Any(char.IsControl))
        {
            return new ComputedMetricVerdict(null, [], "a description is one line without control characters");
        }

        var (checkedExpression, diagnostics) = CheckExpression(expression, catalog, existing, segments);
        return new ComputedMetricVerdict(checkedExpression?.TypeOf(checkedExpression.Syntax), diagnostics, null);
    }

    /// <summary>A computed metric's expression checked (its type is that of its tree), or its mistakes: what the editor shows as the user types.</summary>
    public static (Rule? Expression, IReadOnlyList<Diagnostic> Diagnostics) CheckExpression(string? expression, ProfileCatalog catalog,
        IReadOnlyCollection<ComputedMetric> existing, IReadOnlyCollection<string> segments)
    {
        var text = expression ?? "";
        var parsed = Rule.ParseExpression(text, catalog.Catalog, new RuleOptions { Segments = segments, ComputedMetrics = existing });
        if (parsed.Rule is not { } rule)
        {
            return (null, parsed.Diagnostics);
        }

        if (rule.ComputedMetrics is [var other, ..])
        {
            var at = RuleTokenizer.Tokenize(text).First(t => t.Kind == RuleTokenKind.Identifier
                && string.Equals(text.Substring(t.Span.Start, t.Span.Length), other.Name, StringComparison.OrdinalIgnoreCase)).Span;
            return (null, [At(text, at, $"a computed metric cannot use another computed metric (`{other.Name}`): write out its expression")]);
        }

        if (rule.SegmentReferences.Any())
        {
            var at = rule.DerivedNodes().First(n => n is InSegmentNode).Span;
            return (null, [At(text, at, "a computed metric cannot read a segment (in_segment): a segment may read the metric instead")]);
        }

        return (rule, []);
    }

    private static Diagnostic At(string text, TextSpan span, string message)
    {
        var before = text[..span.Start];
        return new Diagnostic(DiagnosticCodes.NotAllowedHere, message, span, before.Count(c => c == '\n') + 1, span.Start - before.LastIndexOf('\n'))
        {
            Found = text.Substring(span.Start, span.Length),
        };
    }

    private static (string Message, bool Taken)? NameProblem(string? name, ProfileCatalog catalog, IReadOnlyCollection<ComputedMetric> existing)
    {
        if (string.IsNullOrEmpty(name))
        {
            return ("a computed metric needs a name", false);
        }

        if (name.Length > MaxNameLength || !NamePattern().IsMatch(name))
        {
            return ($"`{name}` will not do as a metric name: use 1 to {MaxNameLength} lower-case letters, digits and '_', beginning with a letter (as in purchases_electronics_90d)", false);
        }

        if (name.StartsWith("agg_", StringComparison.Ordinal) || name.StartsWith("seg_", StringComparison.Ordinal))
        {
            return ($"`{name}` begins like the columns the platform computes for aggregates and segments (agg_, seg_): choose another name", false);
        }

        if (catalog.Catalog.TryGetMetric(name, out _))
        {
            return ($"`{name}` is a metric of the catalog already", true);
        }

        if (existing.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return ($"a computed metric `{name}` exists already", true);
        }

        return RuleTokenizer.Tokenize(name) is [{ Kind: RuleTokenKind.Identifier }] ? null : ($"`{name}` is a word of the rule language: choose another name", false);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}
