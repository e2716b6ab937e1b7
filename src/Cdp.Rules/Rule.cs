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

    private readonly IReadOnlyDictionary<RuleNode, string> _computedNames;
    private readonly RuleOptions _options;
    private readonly bool _isCondition;

    private Rule(string text, TypeChecker.Checked checkedTree, IMetricCatalog catalog, RuleOptions options, bool isCondition)
    {
        Text = text;
        Syntax = checkedTree.Tree;
        Catalog = catalog;
        _types = checkedTree.Types;
        Metrics = checkedTree.Metrics;
        Derived = checkedTree.Derived;
        _computedNames = checkedTree.ComputedNames;
        _options = options;
        _isCondition = isCondition;
    }

    /// <summary>
    /// What the rule needs beyond the catalog's metrics (v2), in order of first use: each event aggregate and each
    /// referenced segment, with the stable column name a profile store keeps it under and its type.
    /// </summary>
    public IReadOnlyList<DerivedMetric> Derived { get; }

    /// <summary>The derived column an aggregate or a segment reference of this rule's tree reads (v2).</summary>
    public DerivedMetric DerivedOf(RuleNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = RulePrinter.Print(node);
        return Derived.FirstOrDefault(d => d.Text == text) ?? throw new ArgumentException("The node is not part of this rule's checked tree.", nameof(node));
    }

    /// <summary>
    /// The derived columns (v2) the rule's catalog does not declare, each a diagnostic at its first use: a profile
    /// target reads an aggregate or a segment reference from its column, so it refuses a rule whose profiles lack
    /// one rather than read a silent NULL. Declare them (<see cref="DerivedMetric.Definition"/>) in the catalog of
    /// profiles that hold them; <see cref="Evaluate(IReadOnlyDictionary{string, object?}, IReadOnlyList{RuleEvent}, RuleClock)"/> computes them from events instead.
    /// </summary>
    public IReadOnlyList<Diagnostic> MissingDerivedColumns()
    {
        if (Derived.Count == 0)
        {
            return []; // a v1 rule: every target asks, so the common case costs no walk of the tree
        }

        var source = new SourceText(Text);
        var problems = new List<Diagnostic>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in DerivedNodes())
        {
            var derived = DerivedOf(node);
            if ((!Catalog.TryGetMetric(derived.Name, out var declared) || declared.Type != derived.Type) && reported.Add(derived.Name))
            {
                problems.Add(source.Diagnostic(DiagnosticCodes.MissingDerivedColumn,
                    $"`{derived.Text}` is read from the profiles' column `{derived.Name}` ({derived.Type.ToDisplayName()}), which the catalog does not declare: compute it with the profiles and declare it, or evaluate with the customer's events",
                    node.Span) with { Found = derived.Text, Expected = derived.Name });
            }
        }

        return problems;
    }

    /// <summary>
    /// The aggregates and segment references of the tree (v2), in source order: the nodes <see cref="DerivedOf"/> names
    /// (none stands inside another's WHERE).
    /// </summary>
    public IEnumerable<RuleNode> DerivedNodes()
    {
        var pending = new Stack<RuleNode>([Syntax]);
        var uses = new List<RuleNode>();
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is AggregateNode or InSegmentNode)
            {
                uses.Add(node);
                continue;
            }

            foreach (var child in SyntaxChildren.Of(node))
            {
                pending.Push(child);
            }
        }

        return uses.OrderBy(n => n.Span.Start);
    }

    /// <summary>
    /// The rule checked again, with the same options, against its catalog with its derived columns declared (v2): what
    /// a profile target compiles for profiles that hold them (the ETL's, or rows a caller computed with
    /// <see cref="ComputeAggregates"/>). The rule itself when it has none.
    /// </summary>
    public Rule WithDerivedColumns() => Derived.Count == 0
        ? this
        : Check(Text, new MetricCatalog(Catalog.Metrics.Concat(Derived.Select(d => d.Definition)).DistinctBy(m => m.Name)), _options, _isCondition).Rule!;

    /// <summary>The event aggregates the rule computes (v2).</summary>
    public IEnumerable<DerivedMetric> Aggregates => Derived.Where(d => d.Segment is null);

    /// <summary>The saved segments the rule reads (v2).</summary>
    public IEnumerable<DerivedMetric> SegmentReferences => Derived.Where(d => d.Segment is not null);

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

    /// <summary>
    /// The canonical text: parsing it (with the same options) gives the same tree. A computed metric keeps its name;
    /// <see cref="ComputedMetrics"/> says which it stands for.
    /// </summary>
    public string ToCanonicalString() => RulePrinter.Print(Syntax, _computedNames);

    /// <summary>The computed metrics the rule names (v2), in order of first use, as the options defined them.</summary>
    public IReadOnlyList<ComputedMetric> ComputedMetrics => [.. _computedNames.OrderBy(n => n.Key.Span.Start).Select(n => n.Value).Distinct(StringComparer.Ordinal)
        .Select(name => _options.ComputedMetrics!.First(m => m.Name == name))];

    /// <inheritdoc />
    public override string ToString() => ToCanonicalString();

    /// <summary>Parses and checks a rule. User mistakes come back as diagnostics, never as exceptions.</summary>
    /// <param name="text">The rule as the user wrote it.</param>
    /// <param name="catalog">The metrics the rule may name, with their types: your own (<see cref="MetricCatalog.FromType{T}"/> or a list).</param>
    /// <param name="options">Limits on size and nesting; <see cref="RuleOptions.Default"/> when null.</param>
    public static RuleParseResult Parse(string text, IMetricCatalog catalog, RuleOptions? options = null) =>
        Check(text, catalog, options ?? RuleOptions.Default, isCondition: true);

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
    public static RuleParseResult ParseExpression(string text, IMetricCatalog catalog, RuleOptions? options = null) =>
        Check(text, catalog, options ?? RuleOptions.Default, isCondition: false);

    /// <summary>Text to checked rule: the scanner and grammar, then the checker (which requires a condition for a rule, not for an expression).</summary>
    private static RuleParseResult Check(string text, IMetricCatalog catalog, RuleOptions options, bool isCondition)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(catalog);
        var source = new SourceText(text);
        var diagnostics = new List<Diagnostic>();
        var tree = RuleParser.Parse(source, options, diagnostics);
        var checkedTree = tree is null ? null : TypeChecker.Check(tree, catalog, source, diagnostics, isCondition, options);
        var ordered = diagnostics.OrderBy(d => d.Span.Start).ToList();
        return checkedTree is { } result
            ? new RuleParseResult(new Rule(text, result, catalog, options, isCondition), ordered)
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
