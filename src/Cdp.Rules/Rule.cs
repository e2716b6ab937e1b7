using Cdp.Rules.Diagnostics;
using Cdp.Rules.Checking;
using Cdp.Rules.Parsing;
using Cdp.Rules.Syntax;

namespace Cdp.Rules;

/// <summary>
/// A rule that parsed and type-checked against a metric catalog: the starting point of every
/// evaluator and compile target. Create one with <see cref="Parse"/> or <see cref="TryParse"/>.
/// </summary>
public sealed partial class Rule
{
    private readonly IReadOnlyDictionary<RuleNode, MetricType> _types;

    private Rule(string text, RuleNode syntax, IMetricCatalog catalog, IReadOnlyDictionary<RuleNode, MetricType> types, IReadOnlyList<MetricDefinition> metrics)
    {
        Text = text;
        Syntax = syntax;
        Catalog = catalog;
        _types = types;
        Metrics = metrics;
    }

    /// <summary>The text the rule was parsed from.</summary>
    public string Text { get; }

    /// <summary>The checked syntax tree, with metric names in the catalog's spelling.</summary>
    public RuleNode Syntax { get; }

    /// <summary>The catalog the rule was checked against.</summary>
    public IMetricCatalog Catalog { get; }

    /// <summary>The metrics the rule reads, in order of first use.</summary>
    public IReadOnlyList<MetricDefinition> Metrics { get; }

    /// <summary>
    /// The type of any node of <see cref="Syntax"/>, and of any condition a lowering built over them (a comparison,
    /// AND, OR, NOT, IN, BETWEEN, IS NULL, a text match or HAS is always a bool).
    /// </summary>
    public MetricType TypeOf(RuleNode node) => _types.TryGetValue(node, out var type)
        ? type
        : node is ComparisonNode or LogicalNode or NotNode or InNode or BetweenNode or IsNullNode or TextMatchNode or HasNode
            ? MetricType.Bool
            : throw new ArgumentException("The node is not part of this rule's checked tree.", nameof(node));

    /// <summary>The canonical text: parsing it gives the same tree.</summary>
    public string ToCanonicalString() => RulePrinter.Print(Syntax);

    /// <inheritdoc />
    public override string ToString() => ToCanonicalString();

    /// <summary>Parses and checks a rule. User mistakes come back as diagnostics, never as exceptions.</summary>
    /// <param name="text">The rule as the user wrote it.</param>
    /// <param name="catalog">The metrics the rule may name, with their types: your own (<see cref="MetricCatalog.FromType{T}"/> or a list).</param>
    /// <param name="options">Limits on size and nesting; <see cref="RuleOptions.Default"/> when null.</param>
    public static RuleParseResult Parse(string text, IMetricCatalog catalog, RuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= RuleOptions.Default;
        var source = new SourceText(text);
        var diagnostics = new List<Diagnostic>();
        var tree = RuleParser.Parse(source, options, diagnostics);
        var checkedTree = tree is null ? null : TypeChecker.Check(tree, catalog, source, diagnostics);
        var ordered = diagnostics.OrderBy(d => d.Span.Start).ToList();
        return checkedTree is { } result
            ? new RuleParseResult(new Rule(text, result.Tree, catalog, result.Types, result.Metrics), ordered)
            : new RuleParseResult(null, ordered);
    }

    /// <summary>Parses and checks a rule; false with the diagnostics when it has mistakes.</summary>
    public static bool TryParse(
        string text,
        IMetricCatalog catalog,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Rule? rule,
        out IReadOnlyList<Diagnostic> diagnostics)
    {
        var result = Parse(text, catalog);
        rule = result.Rule;
        diagnostics = result.Diagnostics;
        return rule is not null;
    }

    /// <summary>
    /// Parses and checks a value expression of any type (such as <c>carts_30d / views_30d</c>), for
    /// catalogs that define metrics in the language; <see cref="Parse"/> requires a condition.
    /// </summary>
    public static RuleParseResult ParseExpression(string text, IMetricCatalog catalog, RuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(catalog);
        var source = new SourceText(text);
        var diagnostics = new List<Diagnostic>();
        var tree = RuleParser.Parse(source, options ?? RuleOptions.Default, diagnostics);
        var checkedTree = tree is null ? null : TypeChecker.Check(tree, catalog, source, diagnostics, requireCondition: false);
        var ordered = diagnostics.OrderBy(d => d.Span.Start).ToList();
        return checkedTree is { } result
            ? new RuleParseResult(new Rule(text, result.Tree, catalog, result.Types, result.Metrics), ordered)
            : new RuleParseResult(null, ordered);
    }

    /// <summary>Parses without checking: the syntax tree as written, for tools such as formatters and editors.</summary>
    public static (RuleNode? Syntax, IReadOnlyList<Diagnostic> Diagnostics) ParseSyntax(string text, RuleOptions? options = null)
    {
        var diagnostics = new List<Diagnostic>();
        var tree = RuleParser.Parse(new SourceText(text), options ?? RuleOptions.Default, diagnostics);
        return (tree, diagnostics);
    }
}
