namespace Cdp.Rules;

/// <summary>
/// A metric defined in the rule language (v2): a name for an expression over the catalog's metrics and event
/// aggregates, such as <c>purchases_electronics_90d</c> for
/// <c>count(purchases WHERE category_code STARTS WITH 'electronics' IN LAST 90d)</c>. A rule that names it means its
/// expression: the checked tree holds the expression (so its aggregates are the rule's), and the canonical text
/// keeps the name. Pass the known ones in <see cref="RuleOptions.ComputedMetrics"/>.
/// </summary>
/// <param name="Name">The name rules use; an identifier that no catalog metric has.</param>
/// <param name="Expression">A value expression over catalog metrics and aggregates; it may not name another computed metric.</param>
/// <param name="Description">One line for people.</param>
public sealed record ComputedMetric(string Name, string Expression, string Description);
