using Cdp.Pipeline.Profiles;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Store.Segments;

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
        _connection.Execute(ProfileColumns.CreateTable(SqlDialect.DuckDb, Table, catalog.Metrics));
    }

    /// <inheritdoc />
    public void Load(IEnumerable<ProfileRow> profiles)
    {
        _connection.Execute($"DELETE FROM {Table}");

        DuckDbProfileWriter.Append(_connection, Table, _catalog, profiles);
    }

    /// <inheritdoc />
    public IReadOnlyList<long> Members(Rule rule, RuleClock clock)
    {
        var query = SqlTarget.Select(rule, SqlDialect.DuckDb, clock, Table);
        using var command = _connection.Command(query.Text + " ORDER BY user_id", query.Parameters.Select(p => p.Value));

        var members = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            members.Add(reader.GetInt64(0));
        }

        return members;
    }

    /// <inheritdoc />
    public long Count(Rule rule, RuleClock clock)
    {
        var condition = SqlTarget.Condition(rule, SqlDialect.DuckDb, clock);
        using var command = _connection.Command($"SELECT count(*) FROM {SqlDialect.DuckDb.QuoteIdentifier(Table)} WHERE {condition.Text}", condition.Parameters.Select(p => p.Value));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
