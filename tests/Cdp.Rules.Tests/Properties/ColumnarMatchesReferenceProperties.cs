using Cdp.Rules.Columnar;
using Cdp.Rules.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cdp.Rules.Tests.Properties;

/// <summary>The columnar evaluator (kernels, bitmaps and the row fallback) selects the reference's members: 1,000 rules x 200 profiles.</summary>
public class ColumnarMatchesReferenceProperties
{
    [Property(MaxTest = 1000)]
    public Property Columnar_selection_is_the_reference_selection() =>
        Prop.ForAll(DifferentialCase.Arbitrary(profiles: 200), @case =>
        {
            var rule = Rule.Parse(@case.Text, TestCatalog.Instance).Rule!;
            var clock = ValuePools.Clock;
            var table = ColumnTable.FromRows(@case.Profiles.Select(p => (p.Id, p.ToRow())).ToList(), TestCatalog.Instance);
            var expected = @case.Profiles.Where(p => rule.Evaluate(p.ToRow(), clock) == TruthValue.True).Select(p => p.Id).ToList();
            var selection = ColumnarTarget.Evaluate(rule, clock, table);
            Assert.Equal(expected, selection.UserIds().ToList());
            Assert.Equal(expected.Count, selection.Count);
        });

    [Fact]
    public void Pages_and_counts_come_from_the_bitmap()
    {
        var rows = Enumerable.Range(0, 1000).Select(i => ((long)i, (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["visits"] = (long)(i % 10),
            ["ratio"] = i % 7 == 0 ? null : i / 1000.0,
            ["spend"] = i / 4m,
            ["brand"] = i % 3 == 0 ? "a" : "b",
        })).ToList();
        var table = ColumnTable.FromRows(rows, TestCatalog.Instance);
        var rule = Rule.Parse("visits > 3 AND (ratio >= 0.2 OR spend > 100) AND brand IN ('a')", TestCatalog.Instance).Rule!;
        var selection = ColumnarTarget.Evaluate(rule, ValuePools.Clock, table);
        var expected = rows.Where(r => rule.Evaluate(r.Item2, ValuePools.Clock) == TruthValue.True).Select(r => r.Item1).ToList();
        Assert.Equal(expected.Count, selection.Count);
        Assert.Equal(expected.Skip(10).Take(5), selection.Page(10, 5));
    }
}
