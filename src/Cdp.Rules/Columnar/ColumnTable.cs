namespace Cdp.Rules.Columnar;

/// <summary>
/// Profiles stored column by column, the layout the columnar evaluator reads: int as int64, number as
/// double, money as int64 scaled to its cents, bool and NULL as bitmaps, text as dictionary codes.
/// Build it once from rows (<see cref="FromRows"/>) and evaluate any number of rules on it.
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

    /// <summary>A table from ready columns (benchmarks and loaders that already hold arrays).</summary>
    internal static ColumnTable FromColumns(long[] ids, Dictionary<string, Column> columns) => new(ids.Length, ids, columns);

    /// <summary>A table of the catalog's metrics from rows of values (see <see cref="MetricValues"/>); a missing key is NULL.</summary>
    public static ColumnTable FromRows(IReadOnlyList<(long UserId, IReadOnlyDictionary<string, object?> Metrics)> rows, IMetricCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(catalog);
        var n = rows.Count;
        var columns = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var metric in catalog.Metrics)
        {
            var valid = new ulong[Bitmap.Words(n)];
            object? At(int row)
            {
                var value = rows[row].Metrics.TryGetValue(metric.Name, out var raw) ? MetricValues.Normalize(metric.Type, raw) : null;
                if (value is not null)
                {
                    valid[row >> 6] |= 1UL << (row & 63);
                }

                return value;
            }

            switch (metric.Type)
            {
                case MetricType.Int:
                    var longs = new long[n];
                    for (var i = 0; i < n; i++)
                    {
                        longs[i] = At(i) is long l ? l : 0;
                    }

                    columns[metric.Name] = new Int64Column(longs, valid);
                    break;
                case MetricType.Number:
                    var doubles = new double[n];
                    for (var i = 0; i < n; i++)
                    {
                        doubles[i] = At(i) is double d ? d : 0;
                    }

                    columns[metric.Name] = new DoubleColumn(doubles, valid);
                    break;
                case MetricType.Money:
                    var decimals = Enumerable.Range(0, n).Select(At).Cast<decimal?>().ToArray();
                    var scale = (byte)decimals.Where(d => d is not null).Select(d => (int)d!.Value.Scale).DefaultIfEmpty(2).Max();
                    var factor = ScaledDecimalColumn.Pow10(scale);
                    var scaled = new long[n];
                    for (var i = 0; i < n; i++)
                    {
                        scaled[i] = decimals[i] is { } m ? decimal.ToInt64(m * factor) : 0;
                    }

                    columns[metric.Name] = new ScaledDecimalColumn(scaled, scale, valid);
                    break;
                case MetricType.Bool:
                    var bits = new ulong[Bitmap.Words(n)];
                    for (var i = 0; i < n; i++)
                    {
                        if (At(i) is true)
                        {
                            bits[i >> 6] |= 1UL << (i & 63);
                        }
                    }

                    columns[metric.Name] = new BoolColumn(bits, valid);
                    break;
                case MetricType.Text:
                    var codes = new int[n];
                    var dictionary = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var i = 0; i < n; i++)
                    {
                        if (At(i) is string s)
                        {
                            if (!dictionary.TryGetValue(s, out var code))
                            {
                                code = dictionary.Count;
                                dictionary[s] = code;
                            }

                            codes[i] = code;
                        }
                    }

                    columns[metric.Name] = new TextColumn(codes, dictionary.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(), valid);
                    break;
                default:
                    var objects = new object?[n];
                    for (var i = 0; i < n; i++)
                    {
                        objects[i] = At(i);
                    }

                    columns[metric.Name] = new ObjectColumn(objects, valid);
                    break;
            }
        }

        return new ColumnTable(n, rows.Select(r => r.UserId).ToArray(), columns);
    }
}
