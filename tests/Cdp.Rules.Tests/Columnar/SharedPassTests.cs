using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Columnar;

/// <summary>
/// Several segments in one pass (<see cref="ColumnarTarget.EvaluateAll(IReadOnlyList{Rule}, RuleClock, ColumnTable)"/>)
/// select what each rule alone selects, on one thread or several, on a small table (block by block) and on one past a
/// million rows (fused, split across cores and walked in steps); a hole in the list is an error naming its place.
/// </summary>
public class SharedPassTests
{
    private static readonly MetricCatalog Catalog = SampleProfiles.Catalog;

    private static readonly RuleClock Clock = SampleProfiles.Clock;

    private static readonly string[] Segments =
    [
        "visits > 3 AND (rate >= 0.2 OR spend > 100)",
        "visits >= 5 AND spend > 50",
        "NOT (visits > 2) AND rate < 0.1",
        "brand = 'apple' OR lower(brand) STARTS WITH 's'",
        "visits + big > 10 OR buyer",
        "spend / 3 > 10 AND wide_spend < 3",
        "TRUE",
    ];

    [Fact]
    public void Each_segment_of_one_pass_selects_what_the_rule_alone_selects()
    {
        var rows = SampleProfiles.Generate(20_000 + 13, seed: 5);
        var table = ColumnTable.FromRows(rows, Catalog);
        var rules = Segments.Select(s => Rule.Parse(s, Catalog).Rule!).ToList();

        var all = ColumnarTarget.EvaluateAll(rules, Clock, table);

        Assert.Equal(rules.Count, all.Count);
        foreach (var (rule, selection) in rules.Zip(all))
        {
            var expected = rows.Where(r => rule.Evaluate(r.Metrics, Clock) == TruthValue.True).Select(r => r.UserId).ToList();
            Assert.Equal(expected, selection.UserIds());
            Assert.Equal(expected.Count, selection.Count);
            selection.Dispose();
        }
    }

    [Fact]
    public void A_large_table_in_one_pass_is_the_rules_alone_on_any_number_of_threads()
    {
        // 1,100,003 rows: fused loops, two ranges of rows, steps of 8,192 rows, and a ragged last word.
        const int Rows = 1_100_003;
        var random = new Random(3);
        var words = Bitmap.Words(Rows);
        var (visits, rate, cents, brands) = (new int[Rows], new double[Rows], new long[Rows], new int[Rows]);
        var (all, rateValid) = (new ulong[words], new ulong[words]);
        for (var i = 0; i < Rows; i++)
        {
            all[i >> 6] |= 1UL << (i & 63);
            visits[i] = random.Next(0, 10);
            rate[i] = random.NextDouble() * 0.5;
            rateValid[i >> 6] |= random.Next(5) == 0 ? 0 : 1UL << (i & 63);
            cents[i] = random.Next(0, 30_000);
            brands[i] = random.Next(0, 3);
        }

        var table = ColumnTable.FromColumns([.. Enumerable.Range(0, Rows).Select(i => (long)i)], new Dictionary<string, Column>
        {
            ["visits"] = new Int32Column(visits, all),
            ["rate"] = new DoubleColumn(rate, rateValid),
            ["spend"] = new ScaledDecimalColumn(cents, 2, all),
            ["brand"] = new TextColumn(brands, ["apple", "samsung", "Nokia"], all),
        });
        var rules = Segments.Take(4).Append("spend - visits * 2 > 150").Select(s => Rule.Parse(s, Catalog).Rule!).ToList();

        var one = ColumnarTarget.EvaluateAll(rules, Clock, table, maxDegreeOfParallelism: 1);
        var four = ColumnarTarget.EvaluateAll(rules, Clock, table, maxDegreeOfParallelism: 4);

        for (var r = 0; r < rules.Count; r++)
        {
            using var alone = ColumnarTarget.Evaluate(rules[r], Clock, table, maxDegreeOfParallelism: 1);
            Assert.InRange(alone.Count, 1, Rows - 1);
            Assert.Equal(alone.Count, one[r].Count);
            Assert.Equal(alone.Count, four[r].Count);
            Assert.Equal(alone.Rows(), one[r].Rows());
            Assert.Equal(alone.Rows(), four[r].Rows());
        }
    }

    [Fact]
    public void No_rules_is_no_selections()
    {
        var table = ColumnTable.FromRows(SampleProfiles.Generate(10, seed: 1), Catalog);
        Assert.Empty(ColumnarTarget.EvaluateAll([], Clock, table));
    }

    [Fact]
    public void A_missing_rule_is_an_error_naming_its_place()
    {
        var table = ColumnTable.FromRows(SampleProfiles.Generate(10, seed: 1), Catalog);
        var rule = Rule.Parse("visits > 3", Catalog).Rule!;

        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => ColumnarTarget.EvaluateAll(null!, Clock, table)).ParamName);
        Assert.Equal("table", Assert.Throws<ArgumentNullException>(() => ColumnarTarget.EvaluateAll([rule], Clock, null!)).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => ColumnarTarget.EvaluateAll([rule], Clock, table, 0)).ParamName);
        var missing = Assert.Throws<ArgumentException>(() => ColumnarTarget.EvaluateAll([rule, null!], Clock, table));
        Assert.Equal("rules", missing.ParamName);
        Assert.StartsWith("rules[1] is null", missing.Message);
    }

    [Fact]
    public void An_error_of_one_rule_is_raised_as_itself()
    {
        // int arithmetic that overflows on a row that is not NULL raises the reference's error, as the rule alone does.
        var big = ColumnTable.FromRows([(1, new Dictionary<string, object?> { ["visits"] = long.MaxValue })], Catalog);
        var rules = new[] { "visits > 0", "visits + 1 > 0" }.Select(s => Rule.Parse(s, Catalog).Rule!).ToList();

        Assert.Throws<OverflowException>(() => ColumnarTarget.EvaluateAll(rules, Clock, big));
    }
}
