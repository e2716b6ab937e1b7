using Cdp.Rules.Runtime;

namespace Cdp.Rules.Columnar;

/// <summary>
/// A numeric value for every row, in the language's three numeric types: int as int64, number as double, money
/// as int64 scaled by 10^Scale (exact, as the reference's decimals), with a validity bitmap (bit clear: NULL).
/// </summary>
internal sealed class NumericVector
{
    private static readonly long[] LongPowersOfTen = [.. Enumerable.Range(0, 19).Select(p => (long)Math.Pow(10, p))];

    private NumericVector(MetricType type, long[]? longs, double[]? doubles, int scale, ulong[] valid, bool isConstant = false)
    {
        IsConstant = isConstant;
        Type = type;
        Longs = longs;
        Doubles = doubles;
        Scale = scale;
        Valid = valid;
    }

    public MetricType Type { get; }

    /// <summary>The values of an int or money vector.</summary>
    public long[]? Longs { get; }

    /// <summary>The values of a number vector.</summary>
    public double[]? Doubles { get; }

    /// <summary>Decimal places of a money vector.</summary>
    public int Scale { get; }

    public ulong[] Valid { get; }

    /// <summary>A literal: one value (index 0) for every row; no per-row array is made for it.</summary>
    public bool IsConstant { get; }

    /// <summary>The index of row <paramref name="row"/>'s value (0 for a constant).</summary>
    public int At(int row) => IsConstant ? 0 : row;

    public static NumericVector Int(long[] values, ulong[] valid) => new(MetricType.Int, values, null, 0, valid);

    public static NumericVector Number(double[] values, ulong[] valid) => new(MetricType.Number, null, values, 0, valid);

    public static NumericVector Money(long[] values, int scale, ulong[] valid) => new(MetricType.Money, values, null, scale, valid);

    /// <summary>The same vector (type, scale, NULLs, constancy) with other values.</summary>
    public NumericVector With(long[] values) => new(Type, values, null, Scale, Valid, IsConstant);

    /// <inheritdoc cref="With(long[])"/>
    public NumericVector With(double[] values) => new(Type, null, values, Scale, Valid, IsConstant);

    /// <summary>The same value on every row (a literal), or null when it does not fit exactly.</summary>
    public static NumericVector? Constant(object value, ulong[] all) => value switch
    {
        long l => new(MetricType.Int, [l], null, 0, all, isConstant: true),
        decimal d when d.Scale <= 18 && decimal.Truncate(d * LongPowersOfTen[d.Scale]) is var m && Math.Abs(m) < long.MaxValue
            => new(MetricType.Money, [decimal.ToInt64(m)], null, d.Scale, all, isConstant: true),
        double n => new(MetricType.Number, null, [n], 0, all, isConstant: true),
        _ => null,
    };

    /// <summary>This vector as the type <paramref name="target"/> (int to money or number, money to number), or null when it cannot be exact.</summary>
    public NumericVector? As(MetricType target, int scale, VectorArrays arrays)
    {
        var rows = IsConstant ? 1 : arrays.Rows;
        if (Type == target && (target != MetricType.Money || Scale == scale))
        {
            return this;
        }

        switch (target)
        {
            case MetricType.Number when Type == MetricType.Int:
                var converted = IsConstant ? new double[1] : arrays.Doubles();
                var integers = Longs!;
                RowRanges.For(rows, arrays.Parallelism, (from, to) => IntegersToNumbers(integers, converted, from, to));

                return new(MetricType.Number, null, converted, 0, Valid, IsConstant);
            case MetricType.Number when Type == MetricType.Money:
                var money = Longs!;
                var numbers = IsConstant ? new double[1] : arrays.Doubles();
                var places = Scale;
                RowRanges.For(rows, arrays.Parallelism, (from, to) => MoneyToNumbers(money, places, numbers, from, to));

                return new(MetricType.Number, null, numbers, 0, Valid, IsConstant);
            case MetricType.Money when (Type is MetricType.Int or MetricType.Money) && scale >= Scale && scale - Scale < LongPowersOfTen.Length:
                var factor = LongPowersOfTen[scale - Scale];
                var scaled = IsConstant ? new long[1] : arrays.Longs();
                var units = Longs!;
                try
                {
                    RowRanges.For(rows, arrays.Parallelism, (from, to) => Rescale(units, factor, scaled, from, to));
                }
                catch (OverflowException)
                {
                    return null;
                }

                return new(MetricType.Money, scaled, null, scale, Valid, IsConstant);
            default:
                return null;
        }
    }

    // The conversions' loops: static, over spans (registers, no bounds checks).
    private static void IntegersToNumbers(long[] integers, double[] numbers, int from, int to)
    {
        var source = integers.AsSpan(from, to - from);
        var target = numbers.AsSpan(from, to - from);
        for (var i = 0; i < source.Length && i < target.Length; i++)
        {
            target[i] = source[i];
        }
    }

    private static void MoneyToNumbers(long[] money, int places, double[] numbers, int from, int to)
    {
        var source = money.AsSpan(from, to - from);
        var target = numbers.AsSpan(from, to - from);
        for (var i = 0; i < source.Length && i < target.Length; i++)
        {
            target[i] = RuleSemantics.ScaledMoneyToNumber(source[i], places);
        }
    }

    private static void Rescale(long[] units, long factor, long[] scaled, int from, int to)
    {
        var source = units.AsSpan(from, to - from);
        var target = scaled.AsSpan(from, to - from);
        for (var i = 0; i < source.Length && i < target.Length; i++)
        {
            target[i] = checked(source[i] * factor);
        }
    }
}
