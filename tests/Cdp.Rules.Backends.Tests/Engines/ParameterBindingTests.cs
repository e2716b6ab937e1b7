using DuckDB.NET.Data;
using Npgsql;

namespace Cdp.Rules.Backends.Tests.Engines;

/// <summary>
/// A developer's own table and catalog, queried the way the package documents (<see cref="SqlQuery.ApplyTo"/>),
/// on a PostgreSQL database whose time zone is not UTC (Europe/Berlin, Pacific/Chatham at +13:45, and a
/// clock on a daylight-saving edge) and on DuckDB: the members are the reference evaluator's.
/// </summary>
public sealed class ParameterBindingTests(SharedFixture<PostgresServer> postgres) : IClassFixture<SharedFixture<PostgresServer>>
{
    private static readonly MetricCatalog Catalog = DeveloperCatalog.Instance;

    public static TheoryData<string, string> Zones => new()
    {
        { "Europe/Berlin", "2024-03-31T01:30:00Z" },   // Berlin moves its clocks at 01:00Z this day
        { "Pacific/Chatham", "2024-06-01T12:00:00Z" },
        { "Europe/Berlin", "2024-10-27T00:45:00Z" },   // and back at 01:00Z this one
        { "America/St_Johns", "2024-11-03T04:00:00Z" },
    };

    /// <summary>Customers around the window's edge: 30 minutes and one second either side of now() - 30d, and exactly on it.</summary>
    private static List<(long Id, DateTime? LastOrder, decimal? Value, string? Country)> Customers(DateTime now)
    {
        var edge = now.AddDays(-30);
        return
        [
            (1, now.AddDays(-1), 10.50m, "DE"),
            (2, edge.AddMinutes(-30), 99.99m, "DE"),
            (3, edge.AddSeconds(-1), 100.00m, "NZ"),
            (4, edge, 100.01m, "NZ"),
            (5, edge.AddMinutes(30), null, null),
            (6, null, 5000m, "CA"),
            (7, edge.AddSeconds(1), 0m, "CA"),
        ];
    }

    private static readonly string[] Rules =
    [
        "last_order_at >= now() - 30d",
        "last_order_at < now() - 30d OR last_order_at IS NULL",
        "last_order_at BETWEEN now() - 30d AND now() AND lifetime_value >= 100",
        "coalesce(last_order_at, now() - 365d) > now() - 30d - 1h AND country IN ('DE', 'NZ')",
    ];

    private static IReadOnlyList<long> Reference(Rule rule, RuleClock clock, DateTime now) =>
        [.. Customers(now).Where(c => rule.Evaluate(new Dictionary<string, object?>
        {
            ["last_order_at"] = c.LastOrder,
            ["lifetime_value"] = c.Value,
            ["country"] = c.Country,
        }, clock) == TruthValue.True).Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Zones))]
    public void PostgreSql_in_another_time_zone_selects_the_reference_members(string zone, string instant)
    {
        var now = DateTime.Parse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var database = "tz_" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = new NpgsqlConnection(postgres.Value.ConnectionString))
        {
            admin.Open();
            Execute(admin, $"CREATE DATABASE {database}");
            Execute(admin, $"ALTER DATABASE {database} SET TimeZone TO '{zone}'"); // the server's setting, not the client's
        }

        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.Value.ConnectionString) { Database = database }.ConnectionString);
        connection.Open();
        Assert.Equal(zone, Scalar(connection, "SHOW TimeZone"));
        Execute(connection, "CREATE TABLE customers (user_id BIGINT, last_order_at TIMESTAMP, lifetime_value NUMERIC(18,2), country TEXT)");
        foreach (var c in Customers(now))
        {
            using var insert = new NpgsqlCommand("INSERT INTO customers VALUES ($1, $2, $3, $4)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = c.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = c.LastOrder is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Unspecified) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Timestamp });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)c.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)c.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.ExecuteNonQuery();
        }

        var clock = RuleClock.AtInstant(now);
        foreach (var text in Rules)
        {
            var rule = Rule.Parse(text, Catalog).Rule!;
            using var command = SqlTarget.Select(rule, SqlDialect.PostgreSql, clock, "customers").ApplyTo(connection.CreateCommand());
            Assert.Equal(Reference(rule, clock, now), Ids(command));
        }

        Assert.Equal([1, 4, 5, 7], Reference(Rule.Parse(Rules[0], Catalog).Rule!, clock, now)); // the edge itself is inside
    }

    [Fact]
    public void DuckDb_selects_the_reference_members_with_the_same_binding()
    {
        var now = new DateTime(2024, 3, 31, 1, 30, 0, DateTimeKind.Utc);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE customers (user_id BIGINT, last_order_at TIMESTAMP, lifetime_value DECIMAL(18,2), country VARCHAR)");
        foreach (var c in Customers(now))
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO customers VALUES ($1, $2, $3, $4)";
            insert.Parameters.Add(new DuckDBParameter(c.Id));
            insert.Parameters.Add(new DuckDBParameter((object?)c.LastOrder ?? DBNull.Value));
            insert.Parameters.Add(new DuckDBParameter((object?)c.Value ?? DBNull.Value));
            insert.Parameters.Add(new DuckDBParameter((object?)c.Country ?? DBNull.Value));
            insert.ExecuteNonQuery();
        }

        var clock = RuleClock.AtInstant(now);
        foreach (var text in Rules)
        {
            var rule = Rule.Parse(text, Catalog).Rule!;
            using var command = SqlTarget.Select(rule, SqlDialect.DuckDb, clock, "customers").ApplyTo(connection.CreateCommand());
            Assert.Equal(Reference(rule, clock, now), Ids(command));
        }
    }

    [Fact]
    public void Placeholders_are_positional_and_said_to_be()
    {
        var query = SqlTarget.Condition(Rule.Parse("lifetime_value > 10.5 AND country = 'DE'", Catalog).Rule!, SqlDialect.PostgreSql, RuleClock.AtInstant(DateTime.UtcNow));
        using var command = query.ApplyTo(new NpgsqlCommand());
        Assert.All(command.Parameters.Cast<NpgsqlParameter>(), p => Assert.Equal("", p.ParameterName));
        Assert.Equal([System.Data.DbType.Decimal, System.Data.DbType.String], command.Parameters.Cast<NpgsqlParameter>().Select(p => p.DbType));
    }

    private static List<long> Ids(System.Data.Common.DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        ids.Sort();
        return ids;
    }

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
