using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Columnar;

/// <summary>
/// A rule's blocks fused into one loop (<see cref="FusedLoop"/>) answer every full word as the blocks do one by one,
/// for every kind of block (column compares of each width and operator, NOT, AND and OR of two to five operands,
/// bitmaps, numeric expressions), and the evaluator's selection with fusion is the reference's; a rule too large, or a
/// shape past the process's budget, runs block by block with the same answer.
/// </summary>
public class FusedLoopTests
{
    private static readonly MetricCatalog Catalog = SampleProfiles.Catalog;

    private static readonly RuleClock Clock = SampleProfiles.Clock;

    private static readonly List<(long UserId, IReadOnlyDictionary<string, object?> Metrics)> Rows = SampleProfiles.Generate(4_096 + 29, seed: 23);

    private static readonly ColumnTable Table = ColumnTable.FromRows(Rows, Catalog);

    /// <summary>A budget of its own, so that these tests neither use up nor depend on the process's.</summary>
    private static readonly FusedShapes Unbounded = new(int.MaxValue);

    public static TheoryData<string, string> Rules => new()
    {
        { "visits > 3", "CompareWord`2[Int32,GreaterThan`1[Int32]]" },
        { "visits = 3", "CompareWord`2[Int32,EqualTo`1[Int32]]" },
        { "visits != 3", "CompareWord`2[Int32,NotEqualTo`1[Int32]]" },
        { "visits < 3", "CompareWord`2[Int32,LessThan`1[Int32]]" },
        { "visits <= 3", "CompareWord`2[Int32,LessOrEqualTo`1[Int32]]" },
        { "visits >= 3", "CompareWord`2[Int32,GreaterOrEqualTo`1[Int32]]" },
        { "big < -3", "CompareWord`2[Int64,LessThan`1[Int64]]" },
        { "rate >= 0.2", "CompareWord`2[Double,GreaterOrEqualTo`1[Double]]" },
        { "wide_spend > 1.5", "CompareWord`2[Int64,GreaterThan`1[Int64]]" },
        { "NOT spend > 100", "NotWord`1[CompareWord`2[Int32,GreaterThan`1[Int32]]]" },
        { "visits > 3 AND (rate >= 0.2 OR spend > 100)",
            "LogicalWord`3[AndCombine,CompareWord`2[Int32,GreaterThan`1[Int32]],LogicalWord`3[OrCombine,CompareWord`2[Double,GreaterOrEqualTo`1[Double]],CompareWord`2[Int32,GreaterThan`1[Int32]]]]" },
        { "visits > 3 OR big < 0 OR rate < 0.5",
            "LogicalWord`3[OrCombine,CompareWord`2[Int32,GreaterThan`1[Int32]],LogicalWord`3[OrCombine,CompareWord`2[Int64,LessThan`1[Int64]],CompareWord`2[Double,LessThan`1[Double]]]]" },
        { "visits > 1 AND visits < 9 AND big != 0 AND rate > 0.1 AND spend < 250",
            "LogicalWord`3[AndCombine,LogicalWord`3[AndCombine,CompareWord`2[Int32,GreaterThan`1[Int32]],CompareWord`2[Int32,LessThan`1[Int32]]],LogicalWord`3[AndCombine,CompareWord`2[Int64,NotEqualTo`1[Int64]],LogicalWord`3[AndCombine,CompareWord`2[Double,GreaterThan`1[Double]],CompareWord`2[Int32,LessThan`1[Int32]]]]]" },
        { "NOT (visits > 3 OR big IS NULL) AND buyer",
            "LogicalWord`3[AndCombine,NotWord`1[LogicalWord`3[OrCombine,CompareWord`2[Int32,GreaterThan`1[Int32]],BitmapWord]],BitmapWord]" },
        { "brand = 'apple' OR lower(brand) STARTS WITH 's'", "LogicalWord`3[OrCombine,BitmapWord,BitmapWord]" },
        { "visits + big > 10 AND NOT rate / visits > 0.05",
            "LogicalWord`3[AndCombine,BlockWord,NotWord`1[BlockWord]]" },
        { "coalesce(rate, 0.5) * 2 > 1 OR spend + 1.5 > 200", "LogicalWord`3[OrCombine,BlockWord,BlockWord]" },
        { "spend / 3 > 10 AND visits > 2", "LogicalWord`3[AndCombine,BitmapWord,CompareWord`2[Int32,GreaterThan`1[Int32]]]" }, // division runs row by row
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_fused_loop_answers_each_word_as_the_blocks_do(string text, string shape)
    {
        var rule = Rule.Parse(text, Catalog).Rule!;
        var block = new ColumnarEvaluator(rule, Clock, Table, 1).Build(rule.Syntax);
        var loop = FusedLoop.Of(block, Unbounded);

        Assert.NotNull(loop);
        Assert.Equal(shape, ShapeOf(loop));
        var fullWords = Table.RowCount >> 6;
        var selected = new ulong[fullWords];
        var count = loop.Fill(selected, 0, fullWords);
        var expected = Enumerable.Range(0, fullWords).Select(w => block.Word(w).IsTrue).ToArray();
        Assert.Equal(expected, selected);
        Assert.Equal(expected.Sum(w => (long)ulong.PopCount(w)), count);
        Assert.Contains(expected, w => w != 0); // the rule selects someone, so the comparison above says something
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_fused_evaluation_selects_the_references_rows(string text, string shape)
    {
        _ = shape;
        var rule = Rule.Parse(text, Catalog).Rule!;
        var selected = new ulong[Bitmap.Words(Table.RowCount)];
        Array.Fill(selected, ulong.MaxValue); // a pooled bitmap's old bits: every word must be written over

        var count = new ColumnarEvaluator(rule, Clock, Table, 2, Unbounded).Select(rule.Syntax, selected);

        var expected = Rows.Where(r => rule.Evaluate(r.Metrics, Clock) == TruthValue.True).Select(r => (int)r.UserId).ToList();
        Assert.Equal(expected, Enumerable.Range(0, Table.RowCount).Where(row => (selected[row >> 6] >> (row & 63) & 1) == 1));
        Assert.Equal(0UL, selected[^1] >> (Table.RowCount & 63)); // nothing past the last row
        Assert.Equal(expected.Count, count);
    }

    [Theory]
    [InlineData(4_096)]
    [InlineData(4_096 + 29)]
    public void Columns_without_nulls_answer_as_the_reference_fused_and_block_by_block(int count)
    {
        // Every metric present in every row but rate: a column with no NULL is compared without reading its validity.
        var random = new Random(31);
        var rows = Enumerable.Range(0, count).Select(i => ((long)i, (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["visits"] = (long)random.Next(0, 12),
            ["big"] = (long)random.Next(-20, 20) * 1_000_000_000L,
            ["spend"] = Math.Round((decimal)random.NextDouble() * 300, 2),
            ["rate"] = random.Next(4) == 0 ? null : random.NextDouble(),
        })).ToList();
        var table = ColumnTable.FromRows(rows, Catalog);
        Assert.True(table.Column("visits")!.NoNulls(count));
        Assert.False(table.Column("rate")!.NoNulls(count));

        foreach (var text in new[] { "visits > 3 AND (rate >= 0.2 OR spend > 100)", "NOT (big < 0) OR visits = 2", "NOT rate < 0.5 AND spend <= 20" })
        {
            var rule = Rule.Parse(text, Catalog).Rule!;
            var expected = rows.Where(r => rule.Evaluate(r.Item2, Clock) == TruthValue.True).Select(r => r.Item1).ToList();
            using var blockByBlock = ColumnarTarget.Evaluate(rule, Clock, table);
            Assert.Equal(expected, blockByBlock.UserIds());
            var fused = new ulong[Bitmap.Words(count)];
            Assert.Equal(expected.Count, new ColumnarEvaluator(rule, Clock, table, 1, Unbounded).Select(rule.Syntax, fused));
            Assert.Equal(expected, Enumerable.Range(0, count).Where(row => (fused[row >> 6] >> (row & 63) & 1) == 1).Select(row => (long)row));
        }
    }

    [Theory]
    [InlineData(128, new[] { ulong.MaxValue, ulong.MaxValue }, true)]
    [InlineData(128, new[] { ulong.MaxValue, ulong.MaxValue - 1 }, false)]
    [InlineData(70, new[] { ulong.MaxValue, 0b111111UL }, true)]
    [InlineData(70, new[] { ulong.MaxValue, 0b111111UL | (1UL << 40) }, true)] // a bit past the last row does not count
    [InlineData(70, new[] { ulong.MaxValue, 0b101111UL }, false)]
    [InlineData(70, new[] { ulong.MaxValue - 2, 0b111111UL }, false)]
    [InlineData(0, new ulong[0], true)]
    public void All_set_reads_the_table_s_rows_only(int rows, ulong[] bits, bool expected) => Assert.Equal(expected, Bitmap.AllSet(bits, rows));

    [Fact]
    public void A_shape_is_its_tree_of_types_and_operators_not_its_constants()
    {
        var shapes = new FusedShapes(int.MaxValue);
        foreach (var text in new[] { "visits > 3 AND rate < 0.5", "visits > 7 AND rate < 0.25", "visits > -1 AND rate < 2" })
        {
            var rule = Rule.Parse(text, Catalog).Rule!;
            Assert.NotNull(FusedLoop.Of(new ColumnarEvaluator(rule, Clock, Table, 1).Build(rule.Syntax), shapes));
        }

        Assert.Equal(1, shapes.Count);
        var other = Rule.Parse("visits >= 3 AND rate < 0.5", Catalog).Rule!;
        Assert.NotNull(FusedLoop.Of(new ColumnarEvaluator(other, Clock, Table, 1).Build(other.Syntax), shapes));
        Assert.Equal(2, shapes.Count);
    }

    [Fact]
    public void Past_its_budget_a_process_runs_new_shapes_block_by_block_with_the_same_answer()
    {
        var shapes = new FusedShapes(1);
        var first = Rule.Parse("visits > 3", Catalog).Rule!;
        var second = Rule.Parse("visits > 3 OR rate > 0.5", Catalog).Rule!;

        Assert.NotNull(FusedLoop.Of(new ColumnarEvaluator(first, Clock, Table, 1).Build(first.Syntax), shapes));
        Assert.Null(FusedLoop.Of(new ColumnarEvaluator(second, Clock, Table, 1).Build(second.Syntax), shapes));
        Assert.NotNull(FusedLoop.Of(new ColumnarEvaluator(first, Clock, Table, 1).Build(first.Syntax), shapes)); // compiled before: still fused
        Assert.Equal(1, shapes.Count);

        var selected = new ulong[Bitmap.Words(Table.RowCount)];
        var count = new ColumnarEvaluator(second, Clock, Table, 1, shapes).Select(second.Syntax, selected);
        Assert.Equal(Rows.Count(r => second.Evaluate(r.Metrics, Clock) == TruthValue.True), count);
    }

    [Fact]
    public void A_rule_of_more_blocks_than_one_loop_takes_runs_block_by_block()
    {
        var text = string.Join(" OR ", Enumerable.Range(0, FusedLoop.MostBlocks).Select(i => $"visits = {i}"));
        var rule = Rule.Parse(text, Catalog).Rule!;
        var block = new ColumnarEvaluator(rule, Clock, Table, 1).Build(rule.Syntax);

        Assert.Equal(FusedLoop.MostBlocks + 1, block.Size); // the OR and its operands
        Assert.Null(FusedLoop.Of(block, Unbounded));
        var smaller = Rule.Parse(string.Join(" OR ", Enumerable.Range(0, FusedLoop.MostBlocks - 1).Select(i => $"visits = {i}")), Catalog).Rule!;
        Assert.NotNull(FusedLoop.Of(new ColumnarEvaluator(smaller, Clock, Table, 1).Build(smaller.Syntax), Unbounded));

        var selected = new ulong[Bitmap.Words(Table.RowCount)];
        var count = new ColumnarEvaluator(rule, Clock, Table, 1, Unbounded).Select(rule.Syntax, selected);
        Assert.Equal(Rows.Count(r => rule.Evaluate(r.Metrics, Clock) == TruthValue.True), count);
    }

    // The loop's word type without namespaces: "LogicalWord`3[AndCombine,CompareWord`2[Int32,GreaterThan`1[Int32]],...]".
    private static string ShapeOf(FusedLoop loop) => Name(loop.GetType().GetGenericArguments()[0]);

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name}[{string.Join(",", type.GetGenericArguments().Select(Name))}]"
        : type.Name;
}
