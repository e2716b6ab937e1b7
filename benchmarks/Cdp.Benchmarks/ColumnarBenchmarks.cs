using System.Numerics;
using BenchmarkDotNet.Attributes;
using Cdp.Rules;
using Cdp.Rules.Columnar;

namespace Cdp.Benchmarks;

/// <summary>
/// The card's rule over 10,000,000 profiles held as columns (sessions int64, cart_rate double with a NULL
/// bitmap, spend money as int64 cents): the columnar evaluator against a hand-written scalar loop over the
/// same arrays and the memory-bandwidth floor (a single-thread sum over a long[] of the same length), and
/// the compiled LINQ delegate over objects, in one run. The evaluator runs on every core (the table is split in ranges of
/// words) and on one thread; the floor is measured both ways too (the same sum, split in as many ranges as there are cores).
/// The evaluator also runs on the table as the builder now holds it: sessions and cents narrowed to int32 (16 bytes a row
/// read instead of 24), beside the floor of exactly those bytes (a vector sum over the three columns, one thread and every
/// core). Each evaluation disposes its selection, as the preview does, so its bitmap comes from the pool. Five segments
/// over the same three metrics run one by one and in one pass (<see cref="ColumnarTarget.EvaluateAll(IReadOnlyList{Rule}, RuleClock, ColumnTable)"/>).
/// </summary>
[MemoryDiagnoser]
public class ColumnarBenchmarks
{
    private const int Rows = 10_000_000;
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
    private long[] _sessions = [];
    private double[] _cartRate = [];
    private ulong[] _cartRateValid = [];
    private long[] _spendCents = [];
    private int[] _sessions32 = [];
    private int[] _spendCents32 = [];
    private ColumnTable _table = null!;
    private ColumnTable _narrow = null!;
    private Rule _rule = null!;
    private Rule[] _segments = [];
    private BenchmarkProfile[] _objects = [];
    private Func<BenchmarkProfile, bool> _compiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _sessions = new long[Rows];
        _cartRate = new double[Rows];
        _cartRateValid = new ulong[(Rows + 63) / 64];
        _spendCents = new long[Rows];
        _objects = new BenchmarkProfile[Rows];
        for (var i = 0; i < Rows; i++)
        {
            _sessions[i] = random.Next(0, 10);
            var hasRate = random.Next(5) != 0;
            _cartRate[i] = hasRate ? random.NextDouble() * 0.5 : 0;
            if (hasRate)
            {
                _cartRateValid[i >> 6] |= 1UL << (i & 63);
            }

            _spendCents[i] = random.Next(0, 30_000);
            _objects[i] = new BenchmarkProfile { UserId = i, Sessions7d = _sessions[i], CartRate = hasRate ? _cartRate[i] : null, Spend30d = _spendCents[i] / 100m };
        }

        var all = new ulong[(Rows + 63) / 64];
        Array.Fill(all, ulong.MaxValue);
        _table = ColumnTable.FromColumns(Enumerable.Range(0, Rows).Select(i => (long)i).ToArray(), new Dictionary<string, Column>
        {
            ["sessions_7d"] = new Int64Column(_sessions, all),
            ["cart_rate"] = new DoubleColumn(_cartRate, _cartRateValid),
            ["spend_30d"] = new ScaledDecimalColumn(_spendCents, 2, all),
        });
        // The same values as the builder holds them: sessions and cents fit in 32 bits, so both are narrowed.
        _sessions32 = [.. _sessions.Select(v => (int)v)];
        _spendCents32 = [.. _spendCents.Select(v => (int)v)];
        _narrow = ColumnTable.FromColumns(Enumerable.Range(0, Rows).Select(i => (long)i).ToArray(), new Dictionary<string, Column>
        {
            ["sessions_7d"] = new Int32Column(_sessions32, all),
            ["cart_rate"] = new DoubleColumn(_cartRate, _cartRateValid),
            ["spend_30d"] = new ScaledDecimal32Column(_spendCents32, 2, all),
        });
        _rule = Rule.Parse(RuleCostBenchmarks.CardRule, Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog).Rule!;
        _compiled = LinqTarget.Compile<BenchmarkProfile>(_rule, Clock).GetOutputOrThrow();
        _segments = [.. Segments.Select(text => Rule.Parse(text, Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog).Rule!)];
        if (SegmentsOneByOne() != SegmentsOnePass())
        {
            throw new InvalidOperationException("one pass and one by one disagree on the segments' sizes");
        }

        if (Columnar() != HandWritten() || ColumnarOneThread() != HandWritten() || ColumnarNarrow() != HandWritten() || ColumnarNarrowOneThread() != HandWritten() || HandWritten() != CompiledOverObjects() || Bandwidth() != BandwidthEveryCore())
        {
            throw new InvalidOperationException("the backends disagree on the member count");
        }
    }

    [Benchmark(Baseline = true, Description = "bandwidth floor: sum of a long[]")]
    public long Bandwidth()
    {
        long sum = 0;
        foreach (var value in _sessions)
        {
            sum += value;
        }

        return sum;
    }

    [Benchmark(Description = "bandwidth floor on every core: the same sum in ranges")]
    public long BandwidthEveryCore()
    {
        var parts = Environment.ProcessorCount;
        var sums = new long[parts];
        Parallel.For(0, parts, part =>
        {
            long sum = 0;
            var values = _sessions;
            for (var i = (int)((long)values.Length * part / parts); i < (int)((long)values.Length * (part + 1) / parts); i++)
            {
                sum += values[i];
            }

            sums[part] = sum;
        });
        return sums.Sum();
    }

    [Benchmark(Description = "bandwidth floor of the rule's 16 bytes a row: a vector sum over int32 sessions, cart_rate and int32 cents")]
    public double ColumnsBandwidth() => SumColumns(0, Rows);

    [Benchmark(Description = "bandwidth floor of the rule's 16 bytes a row on every core: the same sums in ranges")]
    public double ColumnsBandwidthEveryCore()
    {
        var parts = Environment.ProcessorCount;
        var sums = new double[parts];
        Parallel.For(0, parts, part => sums[part] = SumColumns((int)((long)Rows * part / parts), (int)((long)Rows * (part + 1) / parts)));
        return sums.Sum();
    }

    // Reads exactly the bytes the evaluator reads for the card's rule on the int32 table (not the validity words), 64
    // rows an iteration into independent accumulators, as the evaluator walks a word: the time no evaluation can beat.
    private double SumColumns(int from, int to)
    {
        var (sessions, cents) = (Vector<int>.Zero, Vector<int>.Zero);
        var (rates0, rates1) = (Vector<double>.Zero, Vector<double>.Zero);
        var i = from;
        for (; i + 64 <= to; i += 64)
        {
            for (var k = 0; k < 64; k += Vector<int>.Count)
            {
                sessions += new Vector<int>(_sessions32, i + k);
                cents += new Vector<int>(_spendCents32, i + k);
            }

            for (var k = 0; k < 64; k += 2 * Vector<double>.Count)
            {
                rates0 += new Vector<double>(_cartRate, i + k);
                rates1 += new Vector<double>(_cartRate, i + k + Vector<double>.Count);
            }
        }

        double sum = Vector.Sum(sessions) + Vector.Sum(cents) + Vector.Sum(rates0 + rates1);
        for (; i < to; i++)
        {
            sum += _sessions32[i] + _spendCents32[i] + _cartRate[i];
        }

        return sum;
    }

    [Benchmark(Description = "columnar evaluator (every core)")]
    public long Columnar() => Count(ColumnarTarget.Evaluate(_rule, Clock, _table));

    [Benchmark(Description = "columnar evaluator (one thread)")]
    public long ColumnarOneThread() => Count(ColumnarTarget.Evaluate(_rule, Clock, _table, maxDegreeOfParallelism: 1));

    [Benchmark(Description = "columnar evaluator, int32 sessions and cents (every core)")]
    public long ColumnarNarrow() => Count(ColumnarTarget.Evaluate(_rule, Clock, _narrow));

    [Benchmark(Description = "columnar evaluator, int32 sessions and cents (one thread)")]
    public long ColumnarNarrowOneThread() => Count(ColumnarTarget.Evaluate(_rule, Clock, _narrow, maxDegreeOfParallelism: 1));

    // As the preview does: the count, then the selection given back (its bitmap pooled for the next evaluation).
    private static long Count(Selection selection)
    {
        using (selection)
        {
            return selection.Count;
        }
    }

    /// <summary>Five segments over the card's three metrics, as a workspace's saved segments would be.</summary>
    private static readonly string[] Segments =
    [
        RuleCostBenchmarks.CardRule,
        "sessions_7d >= 5 AND spend_30d > 50",
        "cart_rate >= 0.3 OR spend_30d > 250",
        "NOT (sessions_7d > 2) AND cart_rate < 0.1",
        "sessions_7d > 1 AND sessions_7d < 8 AND (cart_rate > 0.05 OR spend_30d < 20)",
    ];

    [Benchmark(Description = "five segments, int32 table, one by one (every core)")]
    public long SegmentsOneByOne()
    {
        long sizes = 0;
        foreach (var segment in _segments)
        {
            sizes = (sizes * 31) + Count(ColumnarTarget.Evaluate(segment, Clock, _narrow));
        }

        return sizes;
    }

    [Benchmark(Description = "the same five segments in one pass (every core)")]
    public long SegmentsOnePass()
    {
        long sizes = 0;
        foreach (var selection in ColumnarTarget.EvaluateAll(_segments, Clock, _narrow))
        {
            sizes = (sizes * 31) + Count(selection);
        }

        return sizes;
    }

    [Benchmark(Description = "hand-written scalar loop over the columns")]
    public long HandWritten()
    {
        long count = 0;
        for (var i = 0; i < Rows; i++)
        {
            var rateValid = (_cartRateValid[i >> 6] & (1UL << (i & 63))) != 0;
            if (_sessions[i] > 3 && ((rateValid && _cartRate[i] >= 0.2) || _spendCents[i] > 10_000))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Description = "compiled LINQ delegate over objects")]
    public long CompiledOverObjects()
    {
        long count = 0;
        foreach (var profile in _objects)
        {
            if (_compiled(profile))
            {
                count++;
            }
        }

        return count;
    }
}
