namespace Cdp.Rules.Columnar;

/// <summary>One column while it is being filled: typed values in a growing array, and the validity bits.</summary>
internal abstract class ColumnAccumulator
{
    private ulong[] _valid;

    protected ColumnAccumulator(int capacity) => _valid = new ulong[Bitmap.Words(capacity)];

    public static ColumnAccumulator For(MetricType type, int capacity) => type switch
    {
        MetricType.Int => new Values<long>(capacity, v => (long)v, (values, valid, _) => new Int64Column(values, valid)),
        MetricType.Number => new Values<double>(capacity, v => (double)v, (values, valid, _) => new DoubleColumn(values, valid)),
        MetricType.Money => new Money(capacity),
        MetricType.Bool => new Flags(capacity),
        MetricType.Text => new Codes(capacity),
        _ => new Values<object?>(capacity, v => v, (values, valid, _) => new ObjectColumn(values, valid)),
    };

    public void Add(int row, object? value)
    {
        if (row >> 6 >= _valid.Length)
        {
            Array.Resize(ref _valid, _valid.Length * 2);
        }

        if (value is not null)
        {
            _valid[row >> 6] |= 1UL << (row & 63);
            Set(row, value);
        }
        else
        {
            Grow(row);
        }
    }

    public Column Build(int rows) => Build(rows, _valid[..Bitmap.Words(rows)]);

    protected abstract void Set(int row, object value);

    protected abstract void Grow(int row);

    protected abstract Column Build(int rows, ulong[] valid);

    private static void Ensure<T>(ref T[] array, int row)
    {
        if (row >= array.Length)
        {
            Array.Resize(ref array, Math.Max(row + 1, array.Length * 2));
        }
    }

    private sealed class Values<T>(int capacity, Func<object, T> convert, Func<T[], ulong[], int, Column> build) : ColumnAccumulator(capacity)
    {
        private T[] _values = new T[capacity];

        protected override void Set(int row, object value)
        {
            Ensure(ref _values, row);
            _values[row] = convert(value);
        }

        protected override void Grow(int row) => Ensure(ref _values, row);

        protected override Column Build(int rows, ulong[] valid) => build(_values[..rows], valid, rows);
    }

    /// <summary>Money as int64 at the largest scale seen (the catalog's money has 2 places).</summary>
    private sealed class Money(int capacity) : ColumnAccumulator(capacity)
    {
        private decimal[] _values = new decimal[capacity];
        private byte _scale;

        protected override void Set(int row, object value)
        {
            Ensure(ref _values, row);
            var money = (decimal)value;
            _values[row] = money;
            _scale = Math.Max(_scale, money.Scale);
        }

        protected override void Grow(int row) => Ensure(ref _values, row);

        protected override Column Build(int rows, ulong[] valid)
        {
            var scale = rows == 0 || Bitmap.Count(valid) == 0 ? (byte)2 : _scale;
            var factor = ScaledDecimalColumn.Pow10(scale);
            var scaled = new long[rows];
            for (var i = 0; i < rows; i++)
            {
                scaled[i] = decimal.ToInt64(_values[i] * factor);
            }

            return new ScaledDecimalColumn(scaled, scale, valid);
        }
    }

    private sealed class Flags(int capacity) : ColumnAccumulator(capacity)
    {
        private ulong[] _bits = new ulong[Bitmap.Words(capacity)];

        protected override void Set(int row, object value)
        {
            Grow(row);
            if ((bool)value)
            {
                _bits[row >> 6] |= 1UL << (row & 63);
            }
        }

        protected override void Grow(int row) => Ensure(ref _bits, row >> 6);

        protected override Column Build(int rows, ulong[] valid) => new BoolColumn(_bits[..Bitmap.Words(rows)], valid);
    }

    /// <summary>Text as codes into a dictionary of the distinct values, numbered in order of first sight.</summary>
    private sealed class Codes(int capacity) : ColumnAccumulator(capacity)
    {
        private readonly Dictionary<string, int> _dictionary = new(StringComparer.Ordinal);
        private int[] _codes = new int[capacity];

        protected override void Set(int row, object value)
        {
            Ensure(ref _codes, row);
            var text = (string)value;
            if (!_dictionary.TryGetValue(text, out var code))
            {
                code = _dictionary.Count;
                _dictionary[text] = code;
            }

            _codes[row] = code;
        }

        protected override void Grow(int row) => Ensure(ref _codes, row);

        protected override Column Build(int rows, ulong[] valid) =>
            new TextColumn(_codes[..rows], _dictionary.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(), valid);
    }
}
