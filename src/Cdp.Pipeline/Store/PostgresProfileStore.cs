using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Segments;
using Cdp.Rules;
using Npgsql;

namespace Cdp.Pipeline.Store;

/// <summary>
/// Profiles in PostgreSQL, for users who keep them there: a schema the project owns (numbered migrations,
/// then one column a catalog metric, added when the catalog grows), loads by binary COPY into a staging
/// table and one set-based upsert, and segments evaluated in the database by the PostgreSQL SQL target.
/// </summary>
public sealed class PostgresProfileStore : IProfileStore, IDisposable
{
    private const string Table = "cdp_profiles";
    private static readonly string[] Migrations =
    [
        "CREATE TABLE IF NOT EXISTS cdp_profiles (user_id BIGINT PRIMARY KEY, as_of DATE NOT NULL)",
        "CREATE INDEX IF NOT EXISTS cdp_profiles_as_of ON cdp_profiles (as_of)",
    ];

    private readonly NpgsqlConnection _connection;
    private readonly ProfileCatalog _catalog;

    public PostgresProfileStore(string connectionString, ProfileCatalog catalog)
    {
        _catalog = catalog;
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        Migrate();
    }

    private static string Q(string name) => SqlDialect.PostgreSql.QuoteIdentifier(name);

    private void Migrate()
    {
        Execute("CREATE TABLE IF NOT EXISTS cdp_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        using (var transaction = _connection.BeginTransaction())
        {
            Execute("LOCK TABLE cdp_migrations IN EXCLUSIVE MODE", transaction);
            using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM cdp_migrations", _connection, transaction);
            var applied = Convert.ToInt32(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            for (var version = applied + 1; version <= Migrations.Length; version++)
            {
                Execute(Migrations[version - 1], transaction);
                Execute($"INSERT INTO cdp_migrations (version) VALUES ({version})", transaction);
            }

            foreach (var metric in _catalog.Declarations)
            {
                Execute($"ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS {Q(metric.Name)} {SqlDialect.PostgreSql.ColumnType(metric.Type)}", transaction);
            }

            transaction.Commit();
        }
    }

    /// <summary>Replaces the stored profiles with these, as of a day: COPY into staging, then upsert, then drop those not in it.</summary>
    public long Load(IEnumerable<ProfileRow> profiles, DateOnly asOf)
    {
        var columns = _catalog.Declarations.Select(d => Q(d.Name)).ToList();
        using var transaction = _connection.BeginTransaction();
        Execute($"CREATE TEMP TABLE cdp_staging (LIKE {Table} INCLUDING DEFAULTS) ON COMMIT DROP", transaction);
        long rows = 0;
        using (var importer = _connection.BeginBinaryImport($"COPY cdp_staging (user_id, as_of, {string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var profile in profiles)
            {
                importer.StartRow();
                importer.Write(profile.UserId, NpgsqlTypes.NpgsqlDbType.Bigint);
                importer.Write(asOf, NpgsqlTypes.NpgsqlDbType.Date);
                foreach (var metric in _catalog.Declarations)
                {
                    PostgresParameters.Write(importer, metric.Type, profile.Metrics.GetValueOrDefault(metric.Name));
                }

                rows++;
            }

            importer.Complete();
        }

        var updates = string.Join(", ", columns.Prepend("as_of").Select(c => $"{c} = EXCLUDED.{c}"));
        Execute($"INSERT INTO {Table} SELECT * FROM cdp_staging ON CONFLICT (user_id) DO UPDATE SET {updates}", transaction);
        Execute($"DELETE FROM {Table} p WHERE NOT EXISTS (SELECT 1 FROM cdp_staging s WHERE s.user_id = p.user_id)", transaction);
        transaction.Commit();
        return rows;
    }

    /// <summary>The members of a rule's segment, evaluated in PostgreSQL.</summary>
    public IReadOnlyList<long> Members(Rule rule, RuleClock clock) => PostgresMembers.Of(_connection, Table, rule, clock);

    /// <summary>How many profiles are stored.</summary>
    public long Count()
    {
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {Table}", _connection);
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand(sql, _connection, transaction);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
