using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Cdp.Rules.Columnar;

/// <summary>
/// A numeric expression of a rule, evaluated one 64-row word at a time into a small buffer: int and money as int64
/// (money scaled by 10^<see cref="Scale"/>, exact as the reference's decimals), number as double. A whole
/// expression runs on one word while its values are in the first-level cache, so no intermediate column is ever
/// written to memory. The operands' and <see cref="NumericLanes"/>' loops are compiled optimized at once
/// (AggressiveOptimization): with tiered compilation they ran unoptimized, about ten times slower, for the first 10-30
/// evaluations of each new kind of expression, which is what an editor's preview meets; fully warmed code with
/// profile-guided optimization is 7-15% faster still, measured and given up for that.
/// </summary>
internal abstract class NumericOperand(MetricType type, int scale)
{
    public MetricType Type { get; } = type;

    /// <summary>Decimal places of a money operand (0 otherwise).</summary>
    public int Scale { get; } = scale;

    /// <summary>The operand in a plan's text: <c>Int32[]</c> a column, <c>150@2</c> money of 2 places.</summary>
    public abstract override string ToString();

    /// <summary>Money's places after a value (<c>@2</c>), nothing for int and number.</summary>
    protected string Places => Type == MetricType.Money ? $"@{Scale}" : "";
}

/// <inheritdoc cref="NumericOperand"/>
/// <typeparam name="T"><see cref="long"/> for int and money, <see cref="double"/> for number.</typeparam>
internal abstract class NumericOperand<T>(MetricType type, int scale) : NumericOperand(type, scale)
    where T : unmanaged, INumber<T>
{
    /// <summary>
    /// Writes the values of rows [first, first + values.Length) (first a multiple of 64, at most 64 rows) and answers
    /// which of them are not NULL (bit k: row first + k). A NULL row's value is defined but meaningless. Int and money
    /// arithmetic is checked: an overflow throws <see cref="OverflowException"/>, and the caller decides those rows
    /// the reference's way.
    /// </summary>
    public abstract ulong Fill(int first, Span<T> values);
}

/// <summary>A literal: the same value on every row, never NULL.</summary>
internal sealed class ConstantOperand<T>(MetricType type, int scale, T value) : NumericOperand<T>(type, scale)
    where T : unmanaged, INumber<T>
{
    public T Value { get; } = value;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ulong Fill(int first, Span<T> values)
    {
        values.Fill(Value);
        return ulong.MaxValue;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value}{Places}");
}

/// <summary>A metric's column of the operand's own width (int64 ints and money, doubles).</summary>
internal sealed class ColumnOperand<T>(MetricType type, int scale, T[] column, ulong[] valid) : NumericOperand<T>(type, scale)
    where T : unmanaged, INumber<T>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ulong Fill(int first, Span<T> values)
    {
        column.AsSpan(first, values.Length).CopyTo(values);
        return valid[first >> 6];
    }

    public override string ToString() => $"{typeof(T).Name}[]{Places}";
}

/// <summary>A metric's column narrowed to int32 (ints and money that fit), widened to int64 a word at a time.</summary>
internal sealed class NarrowColumnOperand(MetricType type, int scale, int[] column, ulong[] valid) : NumericOperand<long>(type, scale)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ulong Fill(int first, Span<long> values)
    {
        NumericLanes.Widen(column.AsSpan(first, values.Length), values);
        return valid[first >> 6];
    }

    public override string ToString() => $"Int32[]{Places}";
}
