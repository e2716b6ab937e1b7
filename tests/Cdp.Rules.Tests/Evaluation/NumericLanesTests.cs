using Cdp.Rules.Columnar;
using Cdp.Rules.Runtime;

namespace Cdp.Rules.Tests.Evaluation;

/// <summary>
/// The numeric evaluator's inner loops run four lanes at a time; each must give exactly what its element-wise
/// definition gives (the order CompareTo defines, checked int64 arithmetic, IEEE doubles, the reference's money to
/// number), on random words of every length from 0 to 64 drawn with the values where lanes and elements could part:
/// NaN, signed zeros, infinities, the int64 edges, and the edges of the doubles' exact integers (2^53).
/// </summary>
public class NumericLanesTests
{
    private const int Words = 3000;

    private delegate void Binary<T>(Span<T> values, ReadOnlySpan<T> other);

    private static readonly double[] EdgeDoubles = [double.NaN, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 1.0, -1.0, 0.1, double.MaxValue, double.MinValue];

    private static readonly long[] EdgeLongs = [0, 1, -1, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 1L << 53, (1L << 53) - 1, -(1L << 53), -(1L << 53) + 1, 1L << 62, -(1L << 62), int.MaxValue, int.MinValue];

    [Fact]
    public void Orders_are_the_orders_CompareTo_gives()
    {
        var random = new Random(3);
        for (var word = 0; word < Words; word++)
        {
            var (less, equal, greater) = ((ulong)random.Next(2), (ulong)random.Next(2), (ulong)random.Next(2));
            var (a, b) = (Doubles(random), Doubles(random));
            Array.Resize(ref b, a.Length);
            Assert.Equal(Order(a, b, less, equal, greater), NumericLanes.Order<double>(a, b, less, equal, greater));
            var (x, y) = (Longs(random), Longs(random));
            Array.Resize(ref y, x.Length);
            Assert.Equal(Order(x, y, less, equal, greater), NumericLanes.Order<long>(x, y, less, equal, greater));
        }
    }

    [Fact]
    public void Int64_sums_differences_and_products_are_the_checked_ones_and_overflow_where_they_do()
    {
        var random = new Random(5);
        for (var word = 0; word < Words; word++)
        {
            var (x, y) = (Longs(random), Longs(random));
            Array.Resize(ref y, x.Length);
            Same(x, y, (p, q) => checked(p + q), NumericLanes.Add<long>);
            Same(x, y, (p, q) => checked(p - q), NumericLanes.Subtract<long>);
            Same(x, y, (p, q) => checked(p * q), NumericLanes.Multiply<long>);
        }
    }

    [Fact]
    public void Double_sums_differences_and_products_are_the_IEEE_ones()
    {
        var random = new Random(7);
        for (var word = 0; word < Words; word++)
        {
            var (x, y) = (Doubles(random), Doubles(random));
            Array.Resize(ref y, x.Length);
            Same(x, y, (p, q) => p + q, NumericLanes.Add<double>);
            Same(x, y, (p, q) => p - q, NumericLanes.Subtract<double>);
            Same(x, y, (p, q) => p * q, NumericLanes.Multiply<double>);
        }
    }

    [Fact]
    public void A_selection_takes_the_other_value_exactly_on_the_rows_present()
    {
        var random = new Random(11);
        for (var word = 0; word < Words; word++)
        {
            var (values, other) = (Doubles(random), Doubles(random));
            Array.Resize(ref other, values.Length);
            var present = (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1);
            var expected = values.Select((v, k) => ((present >> k) & 1) != 0 ? other[k] : v).ToArray();
            NumericLanes.Select<double>(values, other, present);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), values.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Widened_and_converted_values_are_the_elementwise_ones()
    {
        var random = new Random(13);
        for (var word = 0; word < Words; word++)
        {
            var narrow = Longs(random).Select(v => (int)v).ToArray();
            var wide = new long[narrow.Length];
            NumericLanes.Widen(narrow, wide);
            Assert.Equal(narrow.Select(v => (long)v), wide);

            var units = Longs(random);
            foreach (var places in new[] { 0, 2, 6, 18 })
            {
                var numbers = new double[units.Length];
                NumericLanes.ToNumbers(units, numbers, places);
                var expected = units.Select(u => places == 0 ? u : RuleSemantics.ScaledMoneyToNumber(u, places));
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), numbers.Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    private static ulong Order<T>(T[] a, T[] b, ulong less, ulong equal, ulong greater) where T : IComparable<T>
    {
        ulong bits = 0;
        for (var k = 0; k < a.Length; k++)
        {
            var order = a[k].CompareTo(b[k]);
            bits |= (order < 0 ? less : order == 0 ? equal : greater) << k;
        }

        return bits;
    }

    /// <summary>The lanes give the element-wise values, or both throw an overflow (the values are then not compared).</summary>
    private static void Same<T>(T[] x, T[] y, Func<T, T, T> element, Binary<T> lanes)
    {
        T[]? expected;
        try
        {
            expected = x.Select((p, k) => element(p, y[k])).ToArray();
        }
        catch (OverflowException)
        {
            expected = null;
        }

        var values = (T[])x.Clone();
        if (expected is null)
        {
            Assert.Throws<OverflowException>(() => lanes(values, y));
        }
        else
        {
            lanes(values, y);
            Assert.Equal(expected, values);
        }
    }

    private static double[] Doubles(Random random) => Word(random, () => random.Next(4) == 0
        ? EdgeDoubles[random.Next(EdgeDoubles.Length)]
        : Math.Round((random.NextDouble() - 0.5) * 20, random.Next(3)));

    private static long[] Longs(Random random) => Word(random, () => random.Next(3) switch
    {
        0 => EdgeLongs[random.Next(EdgeLongs.Length)],
        1 => random.NextInt64(-1000, 1000),
        _ => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 62),
    });

    private static T[] Word<T>(Random random, Func<T> value)
    {
        // Mostly full words (the lanes' case), and every shorter length (the table's last word).
        var length = random.Next(3) == 0 ? random.Next(0, 65) : 64;
        return Enumerable.Range(0, length).Select(_ => value()).ToArray();
    }
}
