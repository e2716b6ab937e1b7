using Cdp.Pipeline.Profiles;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Profiles;

/// <summary>Profiles into a DuckDB table through the appender, one column a metric of the catalog.</summary>
internal static class DuckDbProfileWriter
{
    public static long Append(DuckDBConnection connection, string table, IMetricCatalog catalog, IEnumerable<ProfileRow> profiles)
    {
        long rows = 0;
        using var appender = connection.CreateAppender(table);
        foreach (var profile in profiles)
        {
            var row = appender.CreateRow().AppendValue(profile.UserId);
            foreach (var metric in catalog.Metrics)
            {
                row = Append(row, metric.Type, profile.Metrics.GetValueOrDefault(metric.Name));
            }

            row.EndRow();
            rows++;
        }

        return rows;
    }

    private static IDuckDBAppenderRow Append(IDuckDBAppenderRow row, MetricType type, object? value)
    {
        if (value is null)
        {
            return row.AppendNullValue();
        }

        return MetricValues.Normalize(type, value) switch
        {
            long v => row.AppendValue(v),
            decimal v => row.AppendValue(v),
            double v => row.AppendValue(v),
            bool v => row.AppendValue(v),
            string v => row.AppendValue(v),
            DateOnly v => row.AppendValue(v),
            DateTime v => row.AppendValue(v),
            TimeSpan v => row.AppendValue(v),
            IEnumerable<string> v => row.AppendValue(v.ToList()),
            var other => throw new ArgumentException($"cannot store {other} in DuckDB", nameof(value)),
        };
    }
}
