using Cdp.Pipeline.Profiles;
using Cdp.Rules;
using Npgsql;

namespace Cdp.Pipeline.Store.Segments;

/// <summary>
/// Profiles in a temporary table of a PostgreSQL session (loaded by binary COPY); segments by the
/// PostgreSQL SQL target. Nothing is left in the database when it is disposed.
/// </summary>
public sealed class PostgresSegmentEngine : ISegmentEngine
{
    private const string Table = "cdp_profiles";
    private readonly NpgsqlConnection _connection;
    private readonly IMetricCatalog _catalog;

    public PostgresSegmentEngine(string connectionString, IMetricCatalog catalog)
    {
        _catalog = catalog;
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        using var create = new NpgsqlCommand(ProfileColumns.CreateTable(SqlDialect.PostgreSql, Table, catalog.Metrics, temporary: true), _connection);
        create.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Load(IEnumerable<ProfileRow> profiles)
    {
        using (var clear = new NpgsqlCommand($"TRUNCATE {SqlDialect.PostgreSql.QuoteIdentifier(Table)}", _connection))
        {
            clear.ExecuteNonQuery();
        }

        var columns = string.Join(", ", _catalog.Metrics.Select(m => SqlDialect.PostgreSql.QuoteIdentifier(m.Name)).Prepend("user_id"));
        using var importer = _connection.BeginBinaryImport($"COPY {SqlDialect.PostgreSql.QuoteIdentifier(Table)} ({columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var profile in profiles)
        {
            importer.StartRow();
            importer.Write(profile.UserId, NpgsqlTypes.NpgsqlDbType.Bigint);
            foreach (var metric in _catalog.Metrics)
            {
                PostgresParameters.Write(importer, metric.Type, profile.Metrics.GetValueOrDefault(metric.Name));
            }
        }

        importer.Complete();
    }

    /// <inheritdoc />
    public IReadOnlyList<long> Members(Rule rule, RuleClock clock) => PostgresMembers.Of(_connection, Table, rule, clock);

    /// <inheritdoc />
    public long Count(Rule rule, RuleClock clock) => PostgresMembers.Count(_connection, Table, rule, clock);

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
