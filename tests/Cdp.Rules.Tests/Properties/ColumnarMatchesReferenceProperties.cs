using Cdp.Rules.Columnar;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cdp.Rules.Tests.Properties;

/// <summary>The columnar evaluator (kernels, bitmaps and the row fallback, block by block and fused into one loop) selects the reference's members: 1,000 rules x 200 profiles.</summary>
public class ColumnarMatchesReferenceProperties
{
    [ScaledProperty(1000)]
    public Property Columnar_selection_is_the_reference_selection() =>
        Prop.ForAll(DifferentialCase.Arbitrary(profiles: 200), @case =>
        {
            var rule = Rule.Parse(@case.Text, TestCatalog.Instance).Rule!;
            var clock = ValuePools.Clock;
            var table = ColumnTable.FromRows(@case.Profiles.Select(p => (p.Id, p.ToRow())).ToList(), TestCatalog.Instance);
            var expected = @case.Profiles.Where(p => rule.Evaluate(p.ToRow(), clock) == TruthValue.True).Select(p => p.Id).ToList();
            using var selection = ColumnarTarget.Evaluate(rule, clock, table);
            Assert.Equal(expected, selection.UserIds().ToList());
            Assert.Equal(expected.Count, selection.Count);

            // The same rule with its blocks fused into one loop (done from a million rows), into a bitmap of old bits.
            var fused = new ulong[Bitmap.Words(table.RowCount)];
            Array.Fill(fused, ulong.MaxValue);
            var count = new ColumnarEvaluator(rule, clock, table, 1, FusedAtAnySize).Select(rule.Syntax, fused);
            Assert.Equal(expected, Enumerable.Range(0, table.RowCount).Where(row => (fused[row >> 6] >> (row & 63) & 1) == 1).Select(row => table.Ids[row]));
            Assert.Equal(expected.Count, count);
        });

    private static readonly FusedShapes FusedAtAnySize = new(int.MaxValue);

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

    [Theory]
    [InlineData("lower(brand) STARTS WITH 'a' OR category CONTAINS 'x'")]
    [InlineData("NOT (lower(brand) = 'b') AND spend - refunds > 2 * coalesce(ratio, 0)")]
    [InlineData("days_since(seen_at) * 2 < visits OR tags HAS 'vip'")]
    public void Large_tables_evaluate_in_parallel_chunks_as_the_reference_does(string text)
    {
        // 200,003 rows: four chunks of 64K rows and a ragged last word, with every kind of sub-rule.
        var random = new Random(11);
        string?[] brands = ["A", "b", "Ab", "bA", null, "ä", "a"];
        var rows = Enumerable.Range(0, 200_003).Select(i => ((long)i, (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["visits"] = (long)random.Next(0, 40),
            ["spend"] = random.Next(0, 3) == 0 ? null : random.Next(0, 100_000) / 100m,
            ["refunds"] = random.Next(0, 5_000) / 100m,
            ["ratio"] = random.Next(0, 4) == 0 ? null : random.NextDouble() * 30,
            ["brand"] = brands[random.Next(brands.Length)],
            ["category"] = random.Next(0, 3) == 0 ? null : $"c{random.Next(0, 50)}x{random.Next(0, 2)}",
            ["seen_at"] = random.Next(0, 5) == 0 ? null : ValuePools.Clock.Now.AddHours(-random.Next(0, 24 * 30)),
            ["tags"] = random.Next(0, 2) == 0 ? null : new[] { random.Next(0, 3) == 0 ? "vip" : "new" },
        })).ToList();
        var table = ColumnTable.FromRows(rows, TestCatalog.Instance);
        var rule = Rule.Parse(text, TestCatalog.Instance).Rule!;
        var expected = rows.Where(r => rule.Evaluate(r.Item2, ValuePools.Clock) == TruthValue.True).Select(r => r.Item1).ToList();
        Assert.InRange(expected.Count, 1, rows.Count - 1);
        Assert.Equal(expected, ColumnarTarget.Evaluate(rule, ValuePools.Clock, table).UserIds().ToList());
    }

    [Theory]
    [InlineData("visits > 3 AND (ratio >= 0.2 OR spend > 100)")]
    [InlineData("NOT (visits < 5) OR spend = 12.5 OR lower(brand) = 'a'")]
    [InlineData("spend - visits * 2 > 150")] // whole-column arithmetic: int to money, checked, in ranges of rows
    [InlineData("coalesce(ratio, 0.1) * 2 < visits OR -spend <= -200")]
    [InlineData("spend - spend / 4 > 100 AND abs(ratio - 0.25) < 0.1")]
    public void A_table_split_across_threads_selects_the_rows_one_thread_selects(string text)
    {
        // 1,100,003 rows: past the size where the word pass is split (2^14 words), with a ragged last word.
        const int Rows = 1_100_003;
        var random = new Random(19);
        var visits = new long[Rows];
        var ratio = new double[Rows];
        var spend = new long[Rows];
        var words = (Rows + 63) / 64;
        var (all, ratioValid, spendValid) = (new ulong[words], new ulong[words], new ulong[words]);
        var brands = new int[Rows];
        for (var i = 0; i < Rows; i++)
        {
            all[i >> 6] |= 1UL << (i & 63);
            visits[i] = random.Next(0, 10);
            ratio[i] = random.NextDouble() * 0.5;
            spend[i] = random.Next(0, 30_000);
            ratioValid[i >> 6] |= random.Next(5) == 0 ? 0 : 1UL << (i & 63);
            spendValid[i >> 6] |= random.Next(7) == 0 ? 0 : 1UL << (i & 63);
            brands[i] = random.Next(0, 3);
        }

        var table = ColumnTable.FromColumns([.. Enumerable.Range(0, Rows).Select(i => (long)i)], new Dictionary<string, Column>
        {
            ["visits"] = new Int64Column(visits, all),
            ["ratio"] = new DoubleColumn(ratio, ratioValid),
            ["spend"] = new ScaledDecimalColumn(spend, 2, spendValid),
            ["brand"] = new TextColumn(brands, ["A", "b", "ä"], all),
        });
        var rule = Rule.Parse(text, TestCatalog.Instance).Rule!;

        var one = ColumnarTarget.Evaluate(rule, ValuePools.Clock, table, maxDegreeOfParallelism: 1);
        var four = ColumnarTarget.Evaluate(rule, ValuePools.Clock, table, maxDegreeOfParallelism: 4);

        Assert.InRange(one.Count, 1, Rows - 1);
        Assert.Equal(one.UserIds(), four.UserIds());
        // and the one thread's rows are the reference's, on a sample of rows spread over every part
        var selected = one.UserIds().ToHashSet();
        foreach (var row in Enumerable.Range(0, 200).Select(k => k * (Rows / 200) + k % 64))
        {
            var values = new Dictionary<string, object?>
            {
                ["visits"] = visits[row],
                ["ratio"] = (ratioValid[row >> 6] >> (row & 63) & 1) == 1 ? ratio[row] : null,
                ["spend"] = (spendValid[row >> 6] >> (row & 63) & 1) == 1 ? spend[row] / 100m : null,
                ["brand"] = new[] { "A", "b", "ä" }[brands[row]],
            };
            Assert.Equal(rule.Evaluate(values, ValuePools.Clock) == TruthValue.True, selected.Contains(row));
        }
    }
}
