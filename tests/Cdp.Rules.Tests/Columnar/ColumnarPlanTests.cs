using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Columnar;

/// <summary>
/// Which way the columnar evaluator runs each kind of sub-rule (its plan, as <c>Block.ToString()</c> writes it): a
/// metric against a literal as a column kernel at the column's own width (a negative literal too, and one beyond int32
/// folded to the range's edge), money at the column's scale, numeric expressions a word at a time at the scale their
/// operands need, text by codes or by the dictionary, and only what has no plan row by row. Each plan is also checked
/// to select what the reference selects, so a faster plan can never be a wrong one.
/// </summary>
public class ColumnarPlanTests
{
    private static readonly MetricCatalog Catalog = new(
    [
        new("visits", MetricType.Int, ""), new("big", MetricType.Int, ""), new("spend", MetricType.Money, ""),
        new("wide_spend", MetricType.Money, ""), new("rate", MetricType.Number, ""), new("brand", MetricType.Text, ""),
        new("model", MetricType.Text, ""), new("buyer", MetricType.Bool, ""),
    ]);

    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    private static readonly List<(long UserId, IReadOnlyDictionary<string, object?> Metrics)> Rows =
    [
        (1, Row(3L, 5_000_000_000L, 1.25m, 900_000_000.5m, 0.5, "apple", "x1", true)),
        (2, Row(null, 1L, 20m, 1m, null, "samsung", "s9", false)),
        (3, Row(-2_000_000_000L, -5_000_000_000L, 2.13m, null, 2.5, null, "a5", null)),
        (4, Row(12L, null, null, 2.5m, -1.0, "Apple", null, true)),
        (5, Row(0L, 2L, 0m, -7.2m, 0.0, "xiaomi", "apple", false)),
    ];

    private static readonly ColumnTable Table = ColumnTable.FromRows(Rows, Catalog);

    public static TheoryData<string, string> Plans => new()
    {
        // A metric against a literal: a kernel on the column as stored (int32 when every value fits).
        { "visits > 3", "Int32[] > 3" },
        { "3 < visits", "Int32[] > 3" },
        { "visits > -3", "Int32[] > -3" },
        { "-3 <= visits", "Int32[] >= -3" },
        { "big > 3", "Int64[] > 3" },
        { "big < -3", "Int64[] < -3" },
        { "rate > 1", "Double[] > 1" },
        { "rate > 1.5", "Double[] > 1.5" },
        { "rate < -0.5", "Double[] < -0.5" },
        // An int32 column against a constant beyond int32: the range's edge, holding for every value or for none.
        { "visits > -3000000000", "Int32[] >= -2147483648" },
        { "visits != -3000000000", "Int32[] >= -2147483648" },
        { "visits <= -3000000000", "Int32[] < -2147483648" },
        { "visits < 3000000000", "Int32[] <= 2147483647" },
        { "visits = 3000000000", "Int32[] > 2147483647" },
        // An int column against whole money as an int; other money as money.
        { "big = 2.00", "Int64[] = 2" },
        { "visits = 2.0", "Int32[] = 2" },
        { "visits = -2.0", "Int32[] = -2" },
        { "big = 2.5", "Int64((Int64[] * 10)@1 = 25@1)" },
        { "visits = 2.50", "Int64((Int32[] * 100)@2 = 250@2)" },
        // Money at the column's scale; a literal with more places makes the column's values larger instead.
        { "spend > 3", "Int32[] > 300" },
        { "spend > 1.5", "Int32[] > 150" },
        { "spend > -1.5", "Int32[] > -150" },
        { "wide_spend > 1.5", "Int64[] > 15" },
        { "wide_spend < 3", "Int64[] < 30" },
        { "spend > 1.255", "Int64((Int32[]@2 * 10)@3 > 1255@3)" },
        { "wide_spend > 1.55", "Int64((Int64[]@1 * 10)@2 > 155@2)" },
        { "spend > 0.000000000000000001", "Int64((Int32[]@2 * 10000000000000000)@18 > 1@18)" },
        // Numeric expressions, a word at a time.
        { "visits + 1 > 3", "Int64((Int32[] + 1) > 3)" },
        { "big - visits <= 0", "Int64((Int64[] - Int32[]) <= 0)" },
        { "visits * spend > 3", "Int64(((Int32[] * 1)@0 * Int32[]@2) > 300@2)" },
        { "spend + 1.5 > 2", "Int64((Int32[]@2 + 150@2) > 200@2)" },
        { "spend + 1.255 > 2", "Int64(((Int32[]@2 * 10)@3 + 1255@3) > 2000@3)" },
        { "spend * spend > 1", "Int64((Int32[]@2 * Int32[]@2) > 10000@4)" },
        { "spend * 0.0000000000000001 > 0", "Int64((Int32[]@2 * 1@16) > 0@18)" },
        { "visits + 1.5 > 2", "Int64(((Int32[] * 10)@1 + 15@1) > 20@1)" },
        { "visits - spend > 0", "Int64(((Int32[] * 100)@2 - Int32[]@2) > 0@2)" },
        { "rate / 2 > 1", "Double((Double[] / 2) > 1)" },
        { "rate + 1.5 > 2", "Double((Double[] + 1.5) > 2)" },
        { "rate * visits > 2", "Double((Double[] * number(Int32[])) > 2)" },
        { "rate > spend", "Double(Double[] > number(Int32[]@2))" },
        { "-visits > 2", "Int64(-Int32[] > 2)" },
        { "-rate > 2", "Double(-Double[] > 2)" },
        { "-(-3) < visits", "Int64(3 < Int32[])" },
        { "-(3.5) < rate", "Double[] > -3.5" },
        { "abs(visits) > 2", "Int64(abs(Int32[]) > 2)" },
        { "abs(-2) < visits", "Int64(2 < Int32[])" },
        { "abs(rate) < 1", "Double(abs(Double[]) < 1)" },
        { "coalesce(visits, 3) > 2", "Int64(coalesce(Int32[], 3) > 2)" },
        { "coalesce(visits, big) > 2", "Int64(coalesce(Int32[], Int64[]) > 2)" },
        { "coalesce(rate, visits) > 2", "Double(coalesce(Double[], number(Int32[])) > 2)" },
        { "coalesce(spend, 2.125) > 2", "Int64(coalesce((Int32[]@2 * 10)@3, 2125@3) > 2000@3)" },
        { "coalesce(visits, 2, big) > 1", "Int64(coalesce(Int32[], 2) > 1)" },
        { "coalesce(rate, 2, visits) > 1", "Double(coalesce(Double[], 2) > 1)" },
        // No plan: money division rounds, int division has its own rules, a scale beyond 18, a constant beyond int64.
        { "spend / 2 > 1", "rows" },
        { "visits / 2 > 1", "Double((number(Int32[]) / 2) > 1)" },
        { "coalesce(visits, spend / 2) > 1", "rows" },
        { "-(spend / 2) > 1", "rows" },
        { "spend * 0.000000000000000001 > 0", "rows" },
        { "visits + 1 > 92233720368547758.08", "rows" },
        { "visits + 1 > 92233720368547758.06", "Int64(((Int32[] + 1) * 100)@2 > 9223372036854775806@2)" },
        // Text, bool, NULL tests and logic.
        { "brand = 'apple'", "text codes" },
        { "'apple' != brand", "text codes" },
        { "brand NOT IN ('apple', 'xiaomi')", "text codes" },
        { "lower(brand) STARTS WITH 'a'", "text dictionary" },
        { "brand CONTAINS 'a' AND NOT brand ENDS WITH 'g'", "(text dictionary AND NOT text dictionary)" },
        { "lower(brand) = lower(model)", "rows" },
        { "buyer", "bool column" },
        { "TRUE AND NOT FALSE", "(TRUE AND NOT FALSE)" },
        { "visits IS NULL", "validity" },
        { "visits IS NOT NULL OR rate IS NULL", "(validity OR validity)" },
        { "visits > 3 AND NOT (spend < 2 OR rate > 1)", "(Int32[] > 3 AND NOT (Int32[] < 200 OR Double[] > 1))" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void A_sub_rule_runs_the_way_its_plan_says_and_selects_what_the_reference_selects(string text, string plan)
    {
        var rule = Rule.Parse(text, Catalog).Rule ?? throw new ArgumentException($"`{text}` does not check");

        Assert.Equal(plan, new ColumnarEvaluator(rule, Clock, Table, 1).Build(rule.Syntax).ToString());
        var expected = Rows.Where(r => rule.Evaluate(r.Metrics, Clock) == TruthValue.True).Select(r => r.UserId);
        Assert.Equal(expected, ColumnarTarget.Evaluate(rule, Clock, Table).UserIds());
    }

    [Fact]
    public void A_row_whose_operand_is_null_raises_no_overflow_when_its_word_is_decided_row_by_row()
    {
        // On the NULL row of `visits` the word's value is 0, and (0 - 4) * -9223372036854775807 overflows: that word is
        // decided row by row, where the NULL row is UNKNOWN and the others are what the reference says.
        List<(long UserId, IReadOnlyDictionary<string, object?> Metrics)> rows = [.. Enumerable.Range(0, 70).Select(i => ((long)i, (IReadOnlyDictionary<string, object?>)Row(i % 3 == 0 ? null : i % 2 == 0 ? 3 : 5, null, null, null, null, null, null, null)))];
        var table = ColumnTable.FromRows(rows, Catalog);
        var rule = Rule.Parse("(visits - 4) * -9223372036854775807 > 0", Catalog).Rule!;

        Assert.Equal("Int64(((Int32[] - 4) * -9223372036854775807) > 0)", new ColumnarEvaluator(rule, Clock, table, 1).Build(rule.Syntax).ToString());
        var expected = rows.Where(r => rule.Evaluate(r.Metrics, Clock) == TruthValue.True).Select(r => r.UserId).ToList();
        Assert.Equal(expected, ColumnarTarget.Evaluate(rule, Clock, table).UserIds());
        Assert.Equal(23, expected.Count);
        var isFalse = Rule.Parse("NOT ((visits - 4) * -9223372036854775807 > 0)", Catalog).Rule!;
        Assert.Equal(23, ColumnarTarget.Evaluate(isFalse, Clock, table).UserIds().Count()); // the 24 NULL rows are neither
    }

    [Fact]
    public void An_overflow_on_a_row_that_is_not_null_is_raised_as_itself_by_every_plan()
    {
        foreach (var text in new[] { "big * big > 0", "big * big / 2 > 0", "spend * 1000000000000000 * 1000000000000000 / 2 > 1" })
        {
            var rule = Rule.Parse(text, Catalog).Rule!;

            Assert.Throws<OverflowException>(() => rule.Evaluate(Rows[0].Metrics, Clock));
            Assert.Throws<OverflowException>(() => ColumnarTarget.Evaluate(rule, Clock, Table));
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(130)]
    public void Bits_a_column_holds_past_its_last_row_select_nothing(int rows)
    {
        // A column whose validity has every bit set, past the last row too: only the table's rows are ever selected.
        var words = Bitmap.Words(rows) + 1;
        var valid = Enumerable.Repeat(ulong.MaxValue, words).ToArray();
        var table = ColumnTable.FromColumns(
            [.. Enumerable.Range(0, rows).Select(i => (long)i)],
            new Dictionary<string, Column> { ["visits"] = new Int64Column(new long[words * 64], valid) });
        var rule = Rule.Parse("NOT visits > 0", Catalog).Rule!;

        Assert.Equal(rows, ColumnarTarget.Evaluate(rule, Clock, table).UserIds().Count());
    }

    private static Dictionary<string, object?> Row(long? visits, long? big, decimal? spend, decimal? wideSpend, double? rate, string? brand, string? model, bool? buyer) =>
        new()
        {
            ["visits"] = visits, ["big"] = big, ["spend"] = spend, ["wide_spend"] = wideSpend, ["rate"] = rate,
            ["brand"] = brand, ["model"] = model, ["buyer"] = buyer,
        };
}
