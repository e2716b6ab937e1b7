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
/// read instead of 24).
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
    private ColumnTable _table = null!;
    private ColumnTable _narrow = null!;
    private Rule _rule = null!;
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
        _narrow = ColumnTable.FromColumns(Enumerable.Range(0, Rows).Select(i => (long)i).ToArray(), new Dictionary<string, Column>
        {
            ["sessions_7d"] = new Int32Column([.. _sessions.Select(v => (int)v)], all),
            ["cart_rate"] = new DoubleColumn(_cartRate, _cartRateValid),
            ["spend_30d"] = new ScaledDecimal32Column([.. _spendCents.Select(v => (int)v)], 2, all),
        });
        _rule = Rule.Parse(RuleCostBenchmarks.CardRule, Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog).Rule!;
        _compiled = LinqTarget.Compile<BenchmarkProfile>(_rule, Clock).GetOutputOrThrow();
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

    [Benchmark(Description = "columnar evaluator (every core)")]
    public long Columnar() => ColumnarTarget.Evaluate(_rule, Clock, _table).Count;

    [Benchmark(Description = "columnar evaluator (one thread)")]
    public long ColumnarOneThread() => ColumnarTarget.Evaluate(_rule, Clock, _table, maxDegreeOfParallelism: 1).Count;

    [Benchmark(Description = "columnar evaluator, int32 sessions and cents (every core)")]
    public long ColumnarNarrow() => ColumnarTarget.Evaluate(_rule, Clock, _narrow).Count;

    [Benchmark(Description = "columnar evaluator, int32 sessions and cents (one thread)")]
    public long ColumnarNarrowOneThread() => ColumnarTarget.Evaluate(_rule, Clock, _narrow, maxDegreeOfParallelism: 1).Count;

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
