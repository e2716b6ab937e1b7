namespace Cdp.Rules.Columnar;

/// <summary>One metric's values for every row, with a validity bitmap (bit set: not NULL).</summary>
internal abstract class Column(ulong[] valid)
{
    public ulong[] Valid { get; } = valid;

    private int _hasNulls = -1; // not yet counted

    public bool IsValid(int row) => (Valid[row >> 6] & (1UL << (row & 63))) != 0;

    /// <summary>Whether none of the table's <paramref name="rows"/> is NULL: read once per column (a table's columns never change).</summary>
    public bool NoNulls(int rows)
    {
        if (_hasNulls < 0)
        {
            _hasNulls = Bitmap.AllSet(Valid, rows) ? 0 : 1;
        }

        return _hasNulls == 0;
    }
}

internal sealed class Int64Column(long[] values, ulong[] valid) : Column(valid)
{
    public long[] Values { get; } = values;

    public long? GetInt64(int row) => IsValid(row) ? Values[row] : null;
}

/// <summary>Int values that all fit in 32 bits (the builder narrows a column when they do): half the bytes to read.</summary>
internal sealed class Int32Column(int[] values, ulong[] valid) : Column(valid)
{
    public int[] Values { get; } = values;

    public long? GetInt64(int row) => IsValid(row) ? Values[row] : null;
}

internal sealed class DoubleColumn(double[] values, ulong[] valid) : Column(valid)
{
    public double[] Values { get; } = values;

    public double? GetDouble(int row) => IsValid(row) ? Values[row] : null;
}

/// <summary>Exact money as int64 scaled by 10^Scale (2 for the catalog's money metrics).</summary>
internal sealed class ScaledDecimalColumn(long[] values, byte scale, ulong[] valid) : Column(valid)
{
    public long[] Values { get; } = values;

    public byte Scale { get; } = scale;

    public decimal? GetDecimal(int row) => IsValid(row) ? new decimal(Values[row]) / Pow10(Scale) : null;

    public static decimal Pow10(int scale) => scale switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        _ => (decimal)Math.Pow(10, scale),
    };
}

/// <summary>Money whose scaled values all fit in 32 bits (cents up to about 21 million): half the bytes to read.</summary>
internal sealed class ScaledDecimal32Column(int[] values, byte scale, ulong[] valid) : Column(valid)
{
    public int[] Values { get; } = values;

    public byte Scale { get; } = scale;

    public decimal? GetDecimal(int row) => IsValid(row) ? new decimal(Values[row]) / ScaledDecimalColumn.Pow10(Scale) : null;
}

internal sealed class BoolColumn(ulong[] values, ulong[] valid) : Column(valid)
{
    public ulong[] Values { get; } = values;

    public bool? GetBool(int row) => IsValid(row) ? (Values[row >> 6] & (1UL << (row & 63))) != 0 : null;
}

/// <summary>Text as dictionary codes: equality and IN compare codes, not strings.</summary>
internal sealed class TextColumn(int[] codes, string[] dictionary, ulong[] valid) : Column(valid)
{
    public int[] Codes { get; } = codes;

    public string[] Dictionary { get; } = dictionary;

    public string? GetText(int row) => IsValid(row) ? Dictionary[Codes[row]] : null;

    public int CodeOf(string text) => Array.IndexOf(Dictionary, text);
}

/// <summary>UTC timestamps as ticks: eight bytes a row, where a boxed DateTime took a pointer and an object.</summary>
internal sealed class TimestampColumn(long[] ticks, ulong[] valid) : Column(valid)
{
    public long[] Ticks { get; } = ticks;

    public DateTime? GetTimestamp(int row) => IsValid(row) ? new DateTime(Ticks[row], DateTimeKind.Utc) : null;
}

/// <summary>Values the vector kernels do not read (dates, durations, lists): kept as objects for the row fallback.</summary>
internal sealed class ObjectColumn(object?[] values, ulong[] valid) : Column(valid)
{
    public object?[] Values { get; } = values;

    public DateOnly? GetDate(int row) => (DateOnly?)Values[row];

    public TimeSpan? GetDuration(int row) => (TimeSpan?)Values[row];

    public IEnumerable<string>? GetTextList(int row) => (IEnumerable<string>?)Values[row];
}
