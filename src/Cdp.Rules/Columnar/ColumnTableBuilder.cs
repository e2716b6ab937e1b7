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

        var row = RowCount;
        if (row == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
        }

        _ids[row] = userId;
        for (var i = 0; i < values.Length; i++)
        {
            _accumulators[i].Add(row, MetricValues.Normalize(Metrics[i].Type, values[i]));
        }

        RowCount++;
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
