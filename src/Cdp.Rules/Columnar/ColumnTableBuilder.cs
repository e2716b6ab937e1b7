namespace Cdp.Rules.Columnar;

/// <summary>
/// Builds a <see cref="ColumnTable"/> one profile at a time, straight into typed arrays: a loader that reads
/// a million profiles from a database never holds them as rows. Values come in the order of
/// <see cref="Metrics"/>, as <see cref="MetricValues"/> normalises them (NULL is null).
/// </summary>
public sealed class ColumnTableBuilder
{
    private readonly ColumnAccumulator[] _accumulators;
    private long[] _ids;

    /// <summary>A builder for the metrics of <paramref name="catalog"/>; <paramref name="capacity"/> is a hint.</summary>
    public ColumnTableBuilder(IMetricCatalog catalog, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Metrics = catalog.Metrics.ToArray();
        capacity = Math.Max(capacity, 64);
        _ids = new long[capacity];
        _accumulators = Metrics.Select(m => ColumnAccumulator.For(m.Type, capacity)).ToArray();
    }

    /// <summary>The metrics, in the order <see cref="Add"/> takes their values.</summary>
    public IReadOnlyList<MetricDefinition> Metrics { get; }

    /// <summary>How many profiles were added.</summary>
    public int RowCount { get; private set; }

    /// <summary>Adds one profile: its user_id and one value per metric (null for NULL).</summary>
    public void Add(long userId, ReadOnlySpan<object?> values)
    {
        if (values.Length != _accumulators.Length)
        {
            throw new ArgumentException($"expected {_accumulators.Length} values, one per metric; got {values.Length}", nameof(values));
        }

        StartRow(userId);
        for (var i = 0; i < values.Length; i++)
        {
            _accumulators[i].Add(RowCount - 1, MetricValues.Normalize(Metrics[i].Type, values[i]));
        }
    }

    /// <summary>
    /// Starts the next profile: its user_id; <see cref="Set(int, long)"/> and its overloads then give its values by
    /// metric (the index in <see cref="Metrics"/>), and a metric given none is NULL. No value is boxed, unlike
    /// <see cref="Add"/>: how a loader reading typed columns fills millions of rows.
    /// </summary>
    public void StartRow(long userId)
    {
        var row = RowCount;
        if (row == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
        }

        _ids[row] = userId;
        RowCount++;
    }

    /// <summary>An int metric's value on the current row.</summary>
    /// <exception cref="ArgumentException">The metric is of another type, or there is no row yet.</exception>
    public void Set(int metric, long value) => Accumulator(metric, MetricType.Int).AddInt64(RowCount - 1, value);

    /// <summary>A number metric's value on the current row.</summary>
    /// <exception cref="ArgumentException">The metric is of another type, or there is no row yet.</exception>
    public void Set(int metric, double value) => Accumulator(metric, MetricType.Number).AddDouble(RowCount - 1, value);

    /// <summary>A money metric's value on the current row.</summary>
    /// <exception cref="ArgumentException">The metric is of another type, or there is no row yet.</exception>
    public void Set(int metric, decimal value) => Accumulator(metric, MetricType.Money).AddDecimal(RowCount - 1, value);

    /// <summary>A bool metric's value on the current row.</summary>
    /// <exception cref="ArgumentException">The metric is of another type, or there is no row yet.</exception>
    public void Set(int metric, bool value) => Accumulator(metric, MetricType.Bool).AddBool(RowCount - 1, value);

    /// <summary>A text metric's value on the current row.</summary>
    /// <exception cref="ArgumentException">The metric is of another type, or there is no row yet.</exception>
    public void Set(int metric, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Accumulator(metric, MetricType.Text).AddString(RowCount - 1, value);
    }

    /// <summary>A timestamp metric's value on the current row (UTC; a time of unspecified kind is taken to be UTC).</summary>
    /// <exception cref="ArgumentException">The metric is of another type, or there is no row yet.</exception>
    public void Set(int metric, DateTime value) => Accumulator(metric, MetricType.Timestamp).AddTimestamp(RowCount - 1, value);

    /// <summary>Any metric's value on the current row, as <see cref="Add"/> takes it (null: NULL).</summary>
    /// <exception cref="ArgumentException">The value does not fit the metric's type, or there is no row yet.</exception>
    public void SetValue(int metric, object? value) =>
        Accumulator(metric, null).Add(RowCount - 1, MetricValues.Normalize(Metrics[metric].Type, value));

    private ColumnAccumulator Accumulator(int metric, MetricType? type)
    {
        if (RowCount == 0)
        {
            throw new ArgumentException("no row: call StartRow first", nameof(metric));
        }

        if ((uint)metric >= (uint)_accumulators.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, $"the builder has {_accumulators.Length} metrics");
        }

        if (type is { } expected && Metrics[metric].Type != expected)
        {
            throw new ArgumentException($"metric `{Metrics[metric].Name}` is {Metrics[metric].Type.ToDisplayName()}, not {expected.ToDisplayName()}", nameof(metric));
        }

        return _accumulators[metric];
    }

    /// <summary>The table of everything added.</summary>
    public ColumnTable Build()
    {
        var columns = new Dictionary<string, Column>(StringComparer.Ordinal);
        for (var i = 0; i < Metrics.Count; i++)
        {
            columns[Metrics[i].Name] = _accumulators[i].Build(RowCount);
        }

        return ColumnTable.FromColumns(_ids[..RowCount], columns);
    }
}
