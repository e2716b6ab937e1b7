using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.LanguageV2;

/// <summary>
/// Profile targets read each aggregate and segment reference from its derived column: over profiles that hold them,
/// LINQ and the columnar evaluator select exactly the reference's members (computed from the events); a rule whose
/// catalog lacks a derived column is refused by every target, never answered with a silent NULL.
/// </summary>
public class DerivedColumnTargetTests
{
    private static readonly IReadOnlyList<V2Rules.Customer> Customers = V2Rules.Customers(seed: 23, count: 300);

    public static TheoryData<string> Texts => [.. V2Rules.Texts.Concat(V2RuleTexts.Generate(seed: 43, count: 150)).Distinct(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Linq_and_columnar_read_the_derived_columns_and_select_the_reference_members(string text)
    {
        var rule = V2Rules.Holding(text);
        var expected = V2Rules.ReferenceMembers(rule, Customers);
        var rows = Customers.Select(c => (c.Id, Row: c.Holding(rule))).ToList();

        var linq = LinqTarget.CompileRows(rule, EventHistories.Clock);
        Assert.Equal(expected, rows.Where(r => linq(r.Row)).Select(r => r.Id));

        var builder = new ColumnTableBuilder(rule.Catalog);
        foreach (var (id, row) in rows)
        {
            builder.Add(id, rule.Catalog.Metrics.Select(m => row.GetValueOrDefault(m.Name)).ToArray());
        }

        Assert.Equal(expected, ColumnarTarget.Evaluate(rule, EventHistories.Clock, builder.Build()).UserIds());
    }

    [Fact]
    public void The_members_are_neither_everyone_nor_no_one_for_most_rules()
    {
        var sizes = V2Rules.Texts.Select(t => V2Rules.ReferenceMembers(V2Rules.Holding(t), Customers).Count).ToList();

        Assert.True(sizes.Count(s => s > 0 && s < Customers.Count) >= V2Rules.Texts.Count - 2, string.Join(", ", sizes));
    }

    [Fact]
    public void A_catalog_without_the_derived_columns_is_refused_by_every_target()
    {
        var rule = V2Catalog.Parse("count(purchases in last 30d) >= 2 and in_segment('big_spenders')");

        var missing = rule.MissingDerivedColumns();
        Assert.Equal([DiagnosticCodes.MissingDerivedColumn, DiagnosticCodes.MissingDerivedColumn], missing.Select(d => d.Code));
        Assert.Equal("count(purchases in last 30d)", rule.Text.Substring(missing[0].Span.Start, missing[0].Span.Length));
        Assert.Contains(rule.Aggregates.Single().Name, missing[0].Message, StringComparison.Ordinal);

        var linq = LinqTarget.ToExpression<Dictionary<string, object?>>(rule, EventHistories.Clock);
        Assert.Contains(linq.Diagnostics, d => d.Code == DiagnosticCodes.MissingDerivedColumn);
        Assert.Throws<InvalidOperationException>(() => LinqTarget.CompileRows(rule, EventHistories.Clock));
        Assert.Throws<ArgumentException>(() => SqlTarget.Condition(rule, SqlDialect.DuckDb, EventHistories.Clock));
        Assert.Throws<ArgumentException>(() => ColumnarTarget.Evaluate(rule, EventHistories.Clock, new ColumnTableBuilder(rule.Catalog).Build()));
        var inList = Assert.Throws<ArgumentException>(() => ColumnarTarget.EvaluateAll([rule], EventHistories.Clock, new ColumnTableBuilder(rule.Catalog).Build()));
        Assert.StartsWith("rules[0]: ", inList.Message, StringComparison.Ordinal);
        Assert.Contains(rule.Aggregates.Single().Name, inList.Message, StringComparison.Ordinal);
    }
}
