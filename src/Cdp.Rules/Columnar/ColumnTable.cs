namespace Cdp.Rules.Columnar;

/// <summary>
/// Profiles stored column by column, the layout the columnar evaluator reads: int as int64, number as
/// double, money as int64 scaled to its cents, bool and NULL as bitmaps, text as dictionary codes.
/// Build it once from rows (<see cref="FromRows"/>) or profile by profile (<see cref="ColumnTableBuilder"/>) and evaluate any number of rules on it.
/// </summary>
public sealed class ColumnTable
{
    private readonly Dictionary<string, Column> _columns;

    private ColumnTable(int rowCount, long[] ids, Dictionary<string, Column> columns)
    {
        RowCount = rowCount;
        Ids = ids;
        _columns = columns;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The user_id of each row.</summary>
    public IReadOnlyList<long> Ids { get; }

    internal Column? Column(string name) => _columns.GetValueOrDefault(name);

    /// <summary>One metric's value on one row, as <see cref="MetricValues"/> gives it (null for NULL or an unknown metric).</summary>
    public object? ValueAt(string metric, int row) => Column(metric) switch
    {
        Int64Column c => c.GetInt64(row),
        Int32Column c => c.GetInt64(row),
        ScaledDecimal32Column c => c.GetDecimal(row),
        DoubleColumn c => c.GetDouble(row),
        ScaledDecimalColumn c => c.GetDecimal(row),
        BoolColumn c => c.GetBool(row),
        TextColumn c => c.GetText(row),
        TimestampColumn c => c.GetTimestamp(row),
        ObjectColumn c => c.IsValid(row) ? c.Values[row] : null,
        _ => null,
    };

    /// <summary>
    /// This table's columns and those of <paramref name="more"/>, a table of the same rows (the same ids in the same
    /// order), without copying either: how computed columns (a preview's aggregates, say) join a loaded table.
    /// </summary>
    /// <exception cref="ArgumentException">The rows differ, or both tables hold a column of one name.</exception>
    public ColumnTable Join(ColumnTable more)
    {
        ArgumentNullException.ThrowIfNull(more);
        if (more.RowCount != RowCount || !more.Ids.SequenceEqual(Ids))
        {
            throw new ArgumentException("The tables hold other rows: join tables of the same ids in the same order.", nameof(more));
        }

        var columns = new Dictionary<string, Column>(_columns, _columns.Comparer);
        foreach (var (name, column) in more._columns)
        {
            if (!columns.TryAdd(name, column))
            {
                throw new ArgumentException($"Both tables hold the column `{name}`.", nameof(more));
            }
        }

        return new ColumnTable(RowCount, (long[])Ids, columns);
    }

    /// <summary>A table from ready columns (benchmarks and loaders that already hold arrays).</summary>
    internal static ColumnTable FromColumns(long[] ids, Dictionary<string, Column> columns) => new(ids.Length, ids, columns);

    /// <summary>A table of the catalog's metrics from rows of values (see <see cref="MetricValues"/>); a missing key is NULL.</summary>
    public static ColumnTable FromRows(IReadOnlyList<(long UserId, IReadOnlyDictionary<string, object?> Metrics)> rows, IMetricCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new ColumnTableBuilder(catalog, rows.Count);
        var values = new object?[builder.Metrics.Count];
        foreach (var (userId, metrics) in rows)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = metrics.GetValueOrDefault(builder.Metrics[i].Name);
            }

            builder.Add(userId, values);
        }

        return builder.Build();
    }
}
