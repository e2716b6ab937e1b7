using System.Linq.Expressions;
using System.Runtime.ExceptionServices;
using Cdp.Rules.Checking;
using Cdp.Rules.Linq;
using Cdp.Rules.Runtime;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>
/// Evaluates a rule over a whole <see cref="ColumnTable"/> into two bitmaps, "is TRUE" and "is FALSE"
/// (neither: UNKNOWN), the same pair the LINQ and MongoDB targets use. AND, OR and NOT are word-wise bit
/// operations; a comparison of a metric with a literal, IS NULL, a bool metric and text = / IN run as
/// column kernels; any other sub-rule is compiled once by the LINQ compiler over the columns and run row
/// by row, so every rule the checker accepts is evaluated, and exactly.
/// </summary>
/// <param name="rule">The rule.</param>
/// <param name="clock">The rule's clock.</param>
/// <param name="table">The profiles.</param>
/// <param name="parallelism">The most threads (<see cref="RowRanges"/>).</param>
/// <param name="fusion">The shapes to fuse into one loop from (<see cref="FusedLoop"/>): null for the process's, from a million rows;
/// a test's own to fuse at any size.</param>
internal sealed class ColumnarEvaluator(Rule rule, RuleClock clock, ColumnTable table, int parallelism, FusedShapes? fusion = null)
{
    private readonly int _rows = table.RowCount;
    private readonly int _words = Bitmap.Words(table.RowCount);
    private ulong[]? _all;

    /// <summary>Every row's bit (made when a leaf needs it: a whole-table selection does not).</summary>
    private ulong[] All => _all ??= Bitmap.All(_rows);

    /// <summary>The rule as one-pass blocks: numeric comparisons (of a metric or a computed v2 aggregate with a literal, or of numeric expressions) read their columns per word; other leaves are bitmaps.</summary>
    public Block Build(RuleNode node) => node switch
    {
        LogicalNode logical => new LogicalBlock(logical.Operator, logical.Operands.Select(Build).ToArray()),
        NotNode not => new NotBlock(Build(not.Operand)),
        ComparisonNode comparison when Constant(comparison.Right) is { } right
            && CompareBlock(comparison.Left, comparison.Operator, right, rule.TypeOf(comparison.Right)) is { } block => block,
        ComparisonNode comparison when Constant(comparison.Left) is { } left
            && CompareBlock(comparison.Right, comparison.Operator.Mirror(), left, rule.TypeOf(comparison.Left)) is { } block => block,
        ComparisonNode comparison when NumericBlock(comparison) is { } block => block,
        _ => Leaf(node),
    };

    /// <summary>A number literal's value, a negative one's too (the parser reads <c>-3</c> as minus 3), or null for any other node.</summary>
    private static object? Constant(RuleNode node) => node switch
    {
        LiteralNode { Value: long or decimal } literal => literal.Value,
        NegateNode { Operand: LiteralNode { Value: long l } } => -l, // a literal is at most long.MaxValue: its negation fits
        NegateNode { Operand: LiteralNode { Value: decimal d } } => -d,
        _ => null,
    };

    /// <summary>A comparison of numeric expressions (arithmetic, coalesce, abs) computed a word at a time, or null when it has no plan.</summary>
    private Block? NumericBlock(ComparisonNode comparison) =>
        new NumericPlan(rule, table).Comparison(comparison, new Lazy<RowTest>(() => RowTestOf(comparison), LazyThreadSafetyMode.ExecutionAndPublication));

    private BitmapBlock Leaf(RuleNode node)
    {
        var ((isTrue, isFalse), plan) = Evaluate(node);
        return new BitmapBlock(isTrue, isFalse, plan);
    }

    /// <summary>
    /// Writes the TRUE bitmap of the whole rule into the first words of <paramref name="selected"/>, in one pass over the
    /// words, and returns how many rows it selects; a large table split in ranges of rows, one per core
    /// (<see cref="RowRanges"/>, at most the evaluator's parallelism), each starting on a word. Blocks keep no state and
    /// each range writes only its own words, so the result is the one thread's, bit for bit. Every word of the table is
    /// written, whatever <paramref name="selected"/> held.
    /// </summary>
    public long Select(RuleNode root, ulong[] selected)
    {
        var pass = Prepare(root);
        long count = 0;
        RowRanges.For(_rows, parallelism, (from, to) => Interlocked.Add(ref count, pass.Fill(selected, from >> 6, Bitmap.Words(to))));
        return count;
    }

    /// <summary>The rule ready to run over any range of words: its blocks, fused into one loop from a million rows (or whenever the evaluator was given its own shapes).</summary>
    public RulePass Prepare(RuleNode root)
    {
        var block = Build(root);
        var fused = fusion is not null ? FusedLoop.Of(block, fusion) : _rows >= FuseFromRows ? FusedLoop.Of(block, FusedShapes.Process) : null;
        return new RulePass(block, fused, _rows);
    }

    /// <summary>From this many rows a rule's blocks are fused into one loop (<see cref="FusedLoop"/>): below, compiling a new shape would cost more than it saves.</summary>
    private const int FuseFromRows = 1 << 20;

    /// <summary>"column op literal" as a block, for a metric or a v2 aggregate whose column the last run computed; null for any other operand.</summary>
    private Block? CompareBlock(RuleNode operand, ComparisonOperator op, object constant, MetricType constantType)
    {
        if (ColumnOf(rule, table, operand) is not { } column)
        {
            return null;
        }

        var domain = TypeRules.ComparisonDomain(rule.TypeOf(operand), constantType);
        switch (column)
        {
            case DoubleColumn doubles:
                var number = constant is long l ? l : RuleSemantics.MoneyToNumber((decimal)constant);
                return CompareBlocks.Of<double>(doubles.Values, doubles.Valid, number, op, _rows, doubles.NoNulls(_rows));
            case Int64Column longs when constant is long integer:
                return CompareBlocks.Of<long>(longs.Values, longs.Valid, integer, op, _rows, longs.NoNulls(_rows));
            case Int64Column longs when constant is decimal exact && domain == MetricType.Money && IsWhole(exact):
                return CompareBlocks.Of<long>(longs.Values, longs.Valid, decimal.ToInt64(exact), op, _rows, longs.NoNulls(_rows));
            case Int32Column ints when constant is long integer:
                var (narrowOp, narrow) = Narrow(op, integer);
                return CompareBlocks.Of<int>(ints.Values, ints.Valid, narrow, narrowOp, _rows, ints.NoNulls(_rows));
            case Int32Column ints when constant is decimal exact && domain == MetricType.Money && IsWhole(exact):
                var (exactOp, narrowExact) = Narrow(op, decimal.ToInt64(exact));
                return CompareBlocks.Of<int>(ints.Values, ints.Valid, narrowExact, exactOp, _rows, ints.NoNulls(_rows));
            case ScaledDecimalColumn money when domain == MetricType.Money:
                return ScaledLiteral(constant, money.Scale) is { } scaled ? CompareBlocks.Of<long>(money.Values, money.Valid, scaled, op, _rows, money.NoNulls(_rows)) : null;
            case ScaledDecimal32Column money when domain == MetricType.Money:
                if (ScaledLiteral(constant, money.Scale) is not { } cents)
                {
                    return null;
                }

                var (centsOp, narrowCents) = Narrow(op, cents);
                return CompareBlocks.Of<int>(money.Values, money.Valid, narrowCents, centsOp, _rows, money.NoNulls(_rows));
            default:
                return null;
        }
    }

    /// <summary>The column a metric reads, or the one holding a v2 aggregate's value (computed by the last ETL run), if the table has it.</summary>
    internal static Column? ColumnOf(Rule rule, ColumnTable table, RuleNode node) => node switch
    {
        MetricNode metric => table.Column(metric.Name),
        AggregateNode aggregate => table.Column(rule.DerivedOf(aggregate).Name),
        _ => null,
    };

    // A money literal an int column can be compared with as an int64.
    private static bool IsWhole(decimal value) => decimal.Truncate(value) == value && Math.Abs(value) < long.MaxValue;

    /// <summary>A money literal at a column's scale, or null when it has more places than the column.</summary>
    private static long? ScaledLiteral(object constant, byte scale)
    {
        var scaled = (constant is long whole ? whole : (decimal)constant) * ScaledDecimalColumn.Pow10(scale);
        return decimal.Truncate(scaled) == scaled && Math.Abs(scaled) < long.MaxValue ? decimal.ToInt64(scaled) : null;
    }

    /// <summary>
    /// "int32 value op constant" for any int64 constant: one in range as itself; one beyond the range as a comparison
    /// with the range's edge that holds for every value, or for none, exactly as the constant's would.
    /// </summary>
    internal static (ComparisonOperator Op, int Constant) Narrow(ComparisonOperator op, long constant) => constant switch
    {
        > int.MaxValue => op is ComparisonOperator.Less or ComparisonOperator.LessOrEqual or ComparisonOperator.NotEqual
            ? (ComparisonOperator.LessOrEqual, int.MaxValue)
            : (ComparisonOperator.Greater, int.MaxValue),
        < int.MinValue => op is ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual or ComparisonOperator.NotEqual
            ? (ComparisonOperator.GreaterOrEqual, int.MinValue)
            : (ComparisonOperator.Less, int.MinValue),
        _ => (op, (int)constant),
    };

    /// <summary>A leaf of the rule that <see cref="Build"/> has no word-at-a-time block for, as a pair of bitmaps.</summary>
    private ((ulong[] IsTrue, ulong[] IsFalse) Pair, string Plan) Evaluate(RuleNode node) => node switch
    {
        LiteralNode { Value: bool b } => (b ? (All, new ulong[_words]) : (new ulong[_words], All), b ? "TRUE" : "FALSE"),
        MetricNode metric when table.Column(metric.Name) is BoolColumn flags =>
            ((Bitmap.And(flags.Valid, flags.Values), Bitmap.AndNot(flags.Valid, flags.Values)), "bool column"),
        IsNullNode { Operand: MetricNode metric } isNull when table.Column(metric.Name) is { } column =>
            (isNull.Negated ? (column.Valid, Bitmap.AndNot(All, column.Valid)) : (Bitmap.AndNot(All, column.Valid), column.Valid), "validity"),
        ComparisonNode { Left: MetricNode metric, Right: LiteralNode literal } comparison when Kernel(metric, comparison.Operator, literal) is { } bits => (bits, "text codes"),
        ComparisonNode { Left: LiteralNode literal, Right: MetricNode metric } comparison when Kernel(metric, comparison.Operator.Mirror(), literal) is { } bits => (bits, "text codes"),
        InNode { Operand: MetricNode metric } @in when table.Column(metric.Name) is TextColumn text && @in.Items.All(i => i.Value is string) =>
            (Negate(Valid(text, Kernels.CodesIn(text.Codes, @in.Items.Select(i => text.CodeOf((string)i.Value!)).Where(c => c >= 0).ToHashSet(), _rows)), @in.Negated), "text codes"),
        _ when SoleMetric(node) is { } metric && table.Column(metric) is TextColumn text => (ByDictionary(node, metric, text), "text dictionary"),
        _ => (RowByRow(node), "rows"),
    };

    /// <summary>The one metric (or derived column) a sub-rule reads, if it reads exactly one.</summary>
    private string? SoleMetric(RuleNode node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<RuleNode>([node]);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (next is MetricNode metric)
            {
                names.Add(metric.Name);
            }
            else if (next is AggregateNode or InSegmentNode)
            {
                names.Add(rule.DerivedOf(next).Name); // its WHERE reads an event's fields, not the profile's
                continue;
            }

            foreach (var child in SyntaxChildren.Of(next))
            {
                pending.Push(child);
            }
        }

        return names.Count == 1 ? names.First() : null;
    }

    private static (ulong[], ulong[]) Swap((ulong[] IsTrue, ulong[] IsFalse) pair) => (pair.IsFalse, pair.IsTrue);

    private static (ulong[], ulong[]) Negate((ulong[] IsTrue, ulong[] IsFalse) pair, bool negated) => negated ? Swap(pair) : pair;

    private static (ulong[], ulong[]) Valid(Column column, ulong[] matches) =>
        (Bitmap.And(column.Valid, matches), Bitmap.AndNot(column.Valid, matches));

    /// <summary>Text = and != a literal as dictionary codes, or null (numeric comparisons with a literal are <see cref="CompareBlock(RuleNode, ComparisonOperator, object, MetricType)"/>s).</summary>
    private (ulong[], ulong[])? Kernel(MetricNode metric, ComparisonOperator op, LiteralNode literal)
    {
        switch (table.Column(metric.Name))
        {
            case TextColumn text when literal.Value is string s && op is ComparisonOperator.Equal or ComparisonOperator.NotEqual:
                var code = text.CodeOf(s);
                var matches = Kernels.CodesIn(text.Codes, code >= 0 ? new HashSet<int> { code } : [], _rows);
                return Negate(Valid(text, matches), op == ComparisonOperator.NotEqual);
            default:
                return null;
        }
    }

    /// <summary>
    /// A sub-rule of one dictionary-encoded text metric (<c>lower(top_category_30d) STARTS WITH 'x'</c>,
    /// <c>top_brand_30d CONTAINS 'o'</c>): evaluated once per distinct value and once for NULL, then looked up
    /// by each row's code, so the text functions run a few hundred times, not once a row.
    /// </summary>
    private (ulong[], ulong[]) ByDictionary(RuleNode node, string metric, TextColumn text)
    {
        var slot = Expression.Parameter(typeof(int), "slot");
        var values = text.Dictionary.Append(null).ToArray(); // the last slot is NULL
        var compiler = new LinqRuleCompiler(rule, clock, new DictionaryBinder(metric, values, slot));
        var (isTrue, isFalse) = Compile(compiler, node, slot);
        var slotTrue = new bool[values.Length];
        var slotFalse = new bool[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            slotTrue[i] = isTrue(i);
            slotFalse[i] = isFalse(i);
        }

        // Then one table lookup a row, word by word (no delegate call a row: this is the hot loop of text rules).
        var nullSlot = values.Length - 1;
        var (codes, valid) = (text.Codes, text.Valid);
        var t = new ulong[_words];
        var f = new ulong[_words];
        for (var w = 0; w < t.Length; w++)
        {
            ulong trueWord = 0, falseWord = 0;
            var end = Math.Min(_rows, (w + 1) << 6);
            for (var i = w << 6; i < end; i++)
            {
                var bit = 1UL << (i & 63);
                var code = (valid[w] & bit) != 0 ? codes[i] : nullSlot;
                if (slotTrue[code])
                {
                    trueWord |= bit;
                }
                else if (slotFalse[code])
                {
                    falseWord |= bit;
                }
            }

            (t[w], f[w]) = (trueWord, falseWord);
        }

        return (t, f);
    }

    /// <summary>Any other sub-rule: its TRUE and FALSE tests compiled by the LINQ compiler over the columns, run for every row.</summary>
    private (ulong[], ulong[]) RowByRow(RuleNode node)
    {
        var test = RowTestOf(node);
        return ForEveryRow(i => test.IsTrue(i) ? (true, false) : (false, test.IsFalse(i)));
    }

    private RowTest RowTestOf(RuleNode node)
    {
        var row = Expression.Parameter(typeof(int), "row");
        var (isTrue, isFalse) = Compile(new LinqRuleCompiler(rule, clock, new ColumnBinder(table, row)), node, row);
        return new RowTest(isTrue, isFalse);
    }

    private static (Func<int, bool> IsTrue, Func<int, bool> IsFalse) Compile(LinqRuleCompiler compiler, RuleNode node, ParameterExpression index)
    {
        var condition = compiler.Condition(node);
        if (compiler.Diagnostics.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", compiler.Diagnostics));
        }

        return (Expression.Lambda<Func<int, bool>>(condition.IsTrue, index).Compile(), Expression.Lambda<Func<int, bool>>(condition.IsFalse, index).Compile());
    }

    private const int WordsPerChunk = 1024;

    /// <summary>The two bitmaps of a per-row test, filled in parallel over chunks of 64K rows (each chunk owns its words).</summary>
    private (ulong[], ulong[]) ForEveryRow(Func<int, (bool IsTrue, bool IsFalse)> test)
    {
        var t = new ulong[_words];
        var f = new ulong[_words];
        var chunks = (_words + WordsPerChunk - 1) / WordsPerChunk;
        try
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, chunk => FillChunk(chunk, test, t, f));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // An evaluation error (an int overflow) surfaces as itself, as the other evaluators raise it.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return (t, f);
    }

    private void FillChunk(int chunk, Func<int, (bool IsTrue, bool IsFalse)> test, ulong[] t, ulong[] f)
    {
        var end = Math.Min(_rows, (chunk + 1) * WordsPerChunk * 64);
        for (var i = chunk * WordsPerChunk * 64; i < end; i++)
        {
            var (isTrue, isFalse) = test(i);
            if (isTrue)
            {
                t[i >> 6] |= 1UL << (i & 63);
            }
            else if (isFalse)
            {
                f[i >> 6] |= 1UL << (i & 63);
            }
        }
    }
}
