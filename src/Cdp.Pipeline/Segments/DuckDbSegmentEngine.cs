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

        DuckDbProfileWriter.Append(_connection, Table, _catalog, profiles);
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

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
