using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using Cdp.Rules.Columnar;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Profiles;

/// <summary>Profiles read from DuckDB: a profiles table (one column a catalog metric, and user_id) or the Parquet files of one.</summary>
public static class DuckDbProfileReader
{
    /// <summary>
    /// The profiles of a Parquet table (the one Spark's profiles job writes: one column a metric and user_id),
    /// read through an in-memory DuckDB, so that profiles computed on the cluster load into the stores.
    /// </summary>
    public static IEnumerable<ProfileRow> ReadParquet(string path, ProfileCatalog catalog) => ReadParquet([path], catalog);

    /// <summary>The profiles of Parquet files (or globs) that make one table.</summary>
    public static IEnumerable<ProfileRow> ReadParquet(IReadOnlyList<string> files, ProfileCatalog catalog)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.Command($"SELECT * FROM read_parquet({DuckDbCommands.FileList(files)}) ORDER BY user_id");
        using var reader = command.ExecuteReader();
        foreach (var row in ReadRows(reader, catalog))
        {
            yield return row;
        }
    }

    /// <summary>
    /// The rows of a reader over a profiles table; a table without the catalog's columns is an <see cref="InvalidDataException"/>
    /// naming them. <paramref name="derived"/>: v2 derived columns to read too, where the table has them.
    /// </summary>
    internal static IEnumerable<ProfileRow> ReadRows(DuckDBDataReader reader, ProfileCatalog catalog, IEnumerable<MetricDefinition>? derived = null)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.Ordinal);
        var missing = catalog.Declarations.Select(d => d.Name).Prepend("user_id").Where(name => !columns.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"the profiles lack {missing.Count} of the catalog's columns ({string.Join(", ", missing.Take(8))}{(missing.Count > 8 ? ", ..." : "")}): a profiles table has user_id and one column a metric");
        }

        var read = catalog.Declarations.Select(d => d.Definition)
            .Concat((derived ?? []).Where(d => columns.Contains(d.Name)).DistinctBy(d => d.Name))
            .ToList();
        var ordinals = read.Select(d => reader.GetOrdinal(d.Name)).ToArray();
        var userId = reader.GetOrdinal("user_id");
        while (reader.Read())
        {
            var metrics = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < ordinals.Length; i++)
            {
                var metric = read[i];
                metrics[metric.Name] = reader.IsDBNull(ordinals[i]) ? null : MetricValues.Normalize(metric.Type, Read(reader, ordinals[i], metric.Type));
            }

            yield return new ProfileRow(reader.GetInt64(userId), metrics);
        }
    }

    /// <summary>
    /// One non-NULL metric value into a column table's current row, read as its type: no value is boxed on the way (31
    /// columns of 10M profiles), but lists, dates and durations, which <see cref="Read"/> gives.
    /// </summary>
    internal static void ReadInto(ColumnTableBuilder builder, int metric, DuckDBDataReader reader, int ordinal, MetricType type)
    {
        switch (type)
        {
            case MetricType.Int: builder.Set(metric, reader.GetInt64(ordinal)); break;
            case MetricType.Number: builder.Set(metric, reader.GetDouble(ordinal)); break;
            case MetricType.Money: builder.Set(metric, reader.GetDecimal(ordinal)); break;
            case MetricType.Bool: builder.Set(metric, reader.GetBoolean(ordinal)); break;
            case MetricType.Text: builder.Set(metric, reader.GetString(ordinal)); break;
            case MetricType.Timestamp: builder.Set(metric, DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc)); break;
            default: builder.SetValue(metric, Read(reader, ordinal, type)); break;
        }
    }

    /// <summary>One non-NULL metric value as the catalog's type holds it.</summary>
    internal static object Read(DuckDBDataReader reader, int ordinal, MetricType type) => type switch
    {
        MetricType.TextList => ((System.Collections.IEnumerable)reader.GetValue(ordinal)).Cast<object?>().Select(o => (string)o!).ToArray(),
        MetricType.Money => reader.GetDecimal(ordinal),
        MetricType.Number => reader.GetDouble(ordinal),
        MetricType.Int => reader.GetInt64(ordinal),
        MetricType.Timestamp => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc),
        _ => reader.GetValue(ordinal),
    };
}
