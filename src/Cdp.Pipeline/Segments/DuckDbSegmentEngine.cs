using Cdp.Pipeline.Profiles;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Segments;

/// <summary>Profiles in an in-memory DuckDB table; segments by the DuckDB SQL target.</summary>
public sealed class DuckDbSegmentEngine : ISegmentEngine
{
    private const string Table = "profiles";
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");
    private readonly IMetricCatalog _catalog;

    public DuckDbSegmentEngine(IMetricCatalog catalog)
    {
        _catalog = catalog;
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = ProfileColumns.CreateTable(SqlDialect.DuckDb, Table, catalog.Metrics);
        create.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Load(IEnumerable<ProfileRow> profiles)
    {
        using (var clear = _connection.CreateCommand())
        {
            clear.CommandText = $"DELETE FROM {Table}";
            clear.ExecuteNonQuery();
        }

        using var appender = _connection.CreateAppender(Table);
        foreach (var profile in profiles)
        {
            var row = appender.CreateRow().AppendValue(profile.UserId);
            foreach (var metric in _catalog.Metrics)
            {
                row = Append(row, metric.Type, profile.Metrics.GetValueOrDefault(metric.Name));
            }

            row.EndRow();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<long> Members(Rule rule, RuleClock clock)
    {
        var query = SqlTarget.Select(rule, SqlDialect.DuckDb, clock, Table);
        using var command = _connection.CreateCommand();
        command.CommandText = query.Text + " ORDER BY user_id";
        foreach (var parameter in query.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter.Value ?? DBNull.Value));
        }

        var members = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            members.Add(reader.GetInt64(0));
        }

        return members;
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

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
