using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Columnar;

/// <summary>
/// Every kind of plan over a table of a few thousand rows whose last word is partial: no block answers TRUE or FALSE
/// for a row past the table's end, and the selection is the reference's.
/// </summary>
public class BlockWordTests
{
    private static readonly MetricCatalog Catalog = SampleProfiles.Catalog;

    private static readonly RuleClock Clock = SampleProfiles.Clock;

    private static readonly List<(long UserId, IReadOnlyDictionary<string, object?> Metrics)> Rows = SampleProfiles.Generate(5_000 + 37, seed: 11);

    private static readonly ColumnTable Table = ColumnTable.FromRows(Rows, Catalog);

    public static TheoryData<string> Rules =>
    [
        "visits > 3", "big < -3", "rate >= 0.2", "spend > 100", "NOT spend > 100",
        "visits > 3 AND (rate >= 0.2 OR spend > 100)", "NOT (visits > 3 OR big IS NULL) AND buyer",
        "visits + big > 10", "coalesce(rate, 0.5) * 2 > 1", "NOT coalesce(visits, 3) > 2", "TRUE AND NOT FALSE", "NOT buyer", "brand = 'apple' OR lower(brand) STARTS WITH 's'", "spend / 3 > 10",
        "rate / visits > 0.05", "NOT rate / visits > 0.05", "brand = 'nokia' OR brand IN ('xiaomi', 'Sony', 'apple')", "NOT (visits < 2 AND spend < 50)",
    ];

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_last_word_holds_no_row_past_the_end_and_the_selection_is_the_references(string text)
    {
        var rule = Rule.Parse(text, Catalog).Rule!;
        var block = new ColumnarEvaluator(rule, Clock, Table, 1).Build(rule.Syntax);
        var words = Bitmap.Words(Table.RowCount);

        // The last word is partial: no block answers TRUE or FALSE for a row past the table's end.
        var (lastTrue, lastFalse) = block.Word(words - 1);
        Assert.Equal(0UL, (lastTrue | lastFalse) >> (Table.RowCount & 63));

        var expected = Rows.Where(r => rule.Evaluate(r.Metrics, Clock) == TruthValue.True).Select(r => r.UserId);
        Assert.Equal(expected, ColumnarTarget.Evaluate(rule, Clock, Table).UserIds());
    }
}
