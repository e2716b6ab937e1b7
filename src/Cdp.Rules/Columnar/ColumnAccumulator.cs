namespace Cdp.Rules.Columnar;

/// <summary>
/// One column while it is being filled: typed values in a growing array, and the validity bits. Values come boxed
/// (<see cref="Add"/>, as <see cref="MetricValues"/> normalises them) or typed (<see cref="AddInt64"/> and its
/// siblings, which the builder calls only on a column of that type); a row given no value is NULL.
/// </summary>
internal abstract class ColumnAccumulator
{
    private ulong[] _valid;

    protected ColumnAccumulator(int capacity) => _valid = new ulong[Bitmap.Words(capacity)];

    public static ColumnAccumulator For(MetricType type, int capacity) => type switch
    {
        MetricType.Int => new Int64s(capacity),
        MetricType.Number => new Doubles(capacity),
        MetricType.Money => new Money(capacity),
        MetricType.Bool => new Flags(capacity),
        MetricType.Text => new Codes(capacity),
        MetricType.Timestamp => new Timestamps(capacity),
        MetricType.TextList => new Lists(capacity),
        _ => new Objects(capacity),
    };

    /// <summary>A normalised value (null: NULL).</summary>
    public void Add(int row, object? value)
    {
        if (value is not null)
        {
            MarkValid(row);
            Set(row, value);
        }
    }

    public void AddInt64(int row, long value)
    {
        MarkValid(row);
        PutInt64(row, value);
    }

    public void AddDouble(int row, double value)
    {
        MarkValid(row);
        PutDouble(row, value);
    }

    public void AddDecimal(int row, decimal value)
    {
        MarkValid(row);
        PutDecimal(row, value);
    }

    public void AddBool(int row, bool value)
    {
        MarkValid(row);
        PutBool(row, value);
    }

    public void AddString(int row, string value)
    {
        MarkValid(row);
        PutString(row, value);
    }

    public void AddTimestamp(int row, DateTime value)
    {
        MarkValid(row);
        PutTimestamp(row, value);
    }

    /// <summary>The column of <paramref name="rows"/> rows (rows never given a value are NULL).</summary>
    public Column Build(int rows)
    {
        Ensure(ref _valid, Math.Max(Bitmap.Words(rows) - 1, 0));
        if (rows > 0)
        {
            Grow(rows - 1);
        }

        return Build(rows, _valid[..Bitmap.Words(rows)]);
    }

    protected abstract void Set(int row, object value);

    protected abstract void Grow(int row);

    protected abstract Column Build(int rows, ulong[] valid);

    // The typed ways in: each column type takes its own (the builder checks the metric's type first).
    protected virtual void PutInt64(int row, long value) => throw new InvalidOperationException("not an int column");

    protected virtual void PutDouble(int row, double value) => throw new InvalidOperationException("not a number column");

    protected virtual void PutDecimal(int row, decimal value) => throw new InvalidOperationException("not a money column");

    protected virtual void PutBool(int row, bool value) => throw new InvalidOperationException("not a bool column");

    protected virtual void PutString(int row, string value) => throw new InvalidOperationException("not a text column");

    protected virtual void PutTimestamp(int row, DateTime value) => throw new InvalidOperationException("not a timestamp column");

    private void MarkValid(int row)
    {
        Ensure(ref _valid, row >> 6);
        _valid[row >> 6] |= 1UL << (row & 63);
    }

    /// <summary>The values as int32 when every one fits (a NULL row holds 0), else null: the evaluator then reads half the bytes.</summary>
    private static int[]? Narrowed(long[] values)
    {
        var narrow = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value is < int.MinValue or > int.MaxValue)
            {
                return null;
            }

            narrow[i] = (int)value;
        }

        return narrow;
    }

    private static void Ensure<T>(ref T[] array, int index)
    {
        if (index >= array.Length)
        {
            Array.Resize(ref array, Math.Max(index + 1, array.Length * 2));
        }
    }

    private abstract class Values<T>(int capacity) : ColumnAccumulator(capacity)
    {
        private T[] _values = new T[capacity];

        protected T[] Filled(int rows) => _values[..rows];

        protected void Put(int row, T value)
        {
            Ensure(ref _values, row);
            _values[row] = value;
        }

        protected override void Grow(int row) => Ensure(ref _values, row);
    }

    private sealed class Int64s(int capacity) : Values<long>(capacity)
    {
        protected override void Set(int row, object value) => Put(row, (long)value);

        protected override void PutInt64(int row, long value) => Put(row, value);

        protected override Column Build(int rows, ulong[] valid)
        {
            var values = Filled(rows);
            return Narrowed(values) is { } narrow ? new Int32Column(narrow, valid) : new Int64Column(values, valid);
        }
    }

    private sealed class Doubles(int capacity) : Values<double>(capacity)
    {
        protected override void Set(int row, object value) => Put(row, (double)value);

        protected override void PutDouble(int row, double value) => Put(row, value);

        protected override Column Build(int rows, ulong[] valid) => new DoubleColumn(Filled(rows), valid);
    }

    /// <summary>Timestamps as UTC ticks.</summary>
    private sealed class Timestamps(int capacity) : Values<long>(capacity)
    {
        protected override void Set(int row, object value) => Put(row, ((DateTime)value).Ticks);

        protected override void PutTimestamp(int row, DateTime value) => Put(row, MetricValues.ToUtc(value).Ticks);

        protected override Column Build(int rows, ulong[] valid) => new TimestampColumn(Filled(rows), valid);
    }

    /// <summary>Dates and durations, as objects for the row fallback.</summary>
    private sealed class Objects(int capacity) : Values<object?>(capacity)
    {
        protected override void Set(int row, object value) => Put(row, value);

        protected override Column Build(int rows, ulong[] valid) => new ObjectColumn(Filled(rows), valid);
    }

    /// <summary>Text lists, each list's texts shared with the equal texts of every other row (one string per distinct text).</summary>
    private sealed class Lists(int capacity) : Values<object?>(capacity)
    {
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

        protected override void Set(int row, object value)
        {
            var list = (IReadOnlyList<string>)value;
            var shared = new string[list.Count];
            for (var i = 0; i < shared.Length; i++)
            {
                var text = list[i];
                if (!_texts.TryGetValue(text, out var kept))
                {
                    _texts[text] = kept = text;
                }

                shared[i] = kept;
            }

            Put(row, shared);
        }

        protected override Column Build(int rows, ulong[] valid) => new ObjectColumn(Filled(rows), valid);
    }

    /// <summary>Money as int64 at the largest scale seen (the catalog's money has 2 places).</summary>
    private sealed class Money(int capacity) : Values<decimal>(capacity)
    {
        private byte _scale;

        protected override void Set(int row, object value) => PutDecimal(row, (decimal)value);

        protected override void PutDecimal(int row, decimal value)
        {
            Put(row, value);
            _scale = Math.Max(_scale, value.Scale);
        }

        protected override Column Build(int rows, ulong[] valid)
        {
            var scale = rows == 0 || Bitmap.Count(valid) == 0 ? (byte)2 : _scale;
            var factor = ScaledDecimalColumn.Pow10(scale);
            var values = Filled(rows);
            var scaled = new long[rows];
            for (var i = 0; i < rows; i++)
            {
                scaled[i] = decimal.ToInt64(values[i] * factor);
            }

            return Narrowed(scaled) is { } narrow ? new ScaledDecimal32Column(narrow, scale, valid) : new ScaledDecimalColumn(scaled, scale, valid);
        }
    }

    private sealed class Flags(int capacity) : ColumnAccumulator(capacity)
    {
        private ulong[] _bits = new ulong[Bitmap.Words(capacity)];

        protected override void Set(int row, object value) => PutBool(row, (bool)value);

        protected override void PutBool(int row, bool value)
        {
            Grow(row);
            if (value)
            {
                _bits[row >> 6] |= 1UL << (row & 63);
            }
        }

        protected override void Grow(int row) => Ensure(ref _bits, row >> 6);

        protected override Column Build(int rows, ulong[] valid) => new BoolColumn(_bits[..Bitmap.Words(rows)], valid);
    }

    /// <summary>Text as codes into a dictionary of the distinct values, numbered in order of first sight.</summary>
    private sealed class Codes(int capacity) : Values<int>(capacity)
    {
        private readonly Dictionary<string, int> _dictionary = new(StringComparer.Ordinal);

        protected override void Set(int row, object value) => PutString(row, (string)value);

        protected override void PutString(int row, string value)
        {
            if (!_dictionary.TryGetValue(value, out var code))
            {
                code = _dictionary.Count;
                _dictionary[value] = code;
            }

            Put(row, code);
        }

        protected override Column Build(int rows, ulong[] valid) =>
            new TextColumn(Filled(rows), _dictionary.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(), valid);
    }
}
