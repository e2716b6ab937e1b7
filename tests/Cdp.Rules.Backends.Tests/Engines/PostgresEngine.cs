using Cdp.Rules.Tests.Support;
using Npgsql;
using NpgsqlTypes;

namespace Cdp.Rules.Backends.Tests.Engines;

/// <summary>A <c>profiles</c> table on a real PostgreSQL server, loaded with binary COPY.</summary>
public sealed class PostgresEngine : IProfileEngine, IDisposable
{
    private readonly NpgsqlConnection _connection;

    public PostgresEngine(string connectionString)
    {
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        Execute("""
            DROP TABLE IF EXISTS profiles;
            CREATE TABLE profiles (
              user_id BIGINT PRIMARY KEY, visits BIGINT, orders BIGINT, spend NUMERIC(18,2), refunds NUMERIC(18,2),
              ratio DOUBLE PRECISION, score DOUBLE PRECISION, brand TEXT, category TEXT, active BOOLEAN, signup_date DATE,
              seen_at TIMESTAMP, bought_at TIMESTAMP, tenure INTERVAL, tags TEXT[])
            """);
    }

    public string Name => "PostgreSQL";

    public void Load(IReadOnlyList<TestProfile> profiles)
    {
        Execute("TRUNCATE profiles");
        using var importer = _connection.BeginBinaryImport(
            "COPY profiles (user_id, visits, orders, spend, refunds, ratio, score, brand, category, active, signup_date, seen_at, bought_at, tenure, tags) FROM STDIN (FORMAT BINARY)");
        foreach (var p in profiles)
        {
            importer.StartRow();
            importer.Write(p.Id, NpgsqlDbType.Bigint);
            Write(importer, p.Visits, NpgsqlDbType.Bigint);
            Write(importer, p.Orders, NpgsqlDbType.Bigint);
            Write(importer, p.Spend, NpgsqlDbType.Numeric);
            Write(importer, p.Refunds, NpgsqlDbType.Numeric);
            Write(importer, p.Ratio, NpgsqlDbType.Double);
            Write(importer, p.Score, NpgsqlDbType.Double);
            Write(importer, p.Brand, NpgsqlDbType.Text);
            Write(importer, p.Category, NpgsqlDbType.Text);
            Write(importer, p.Active, NpgsqlDbType.Boolean);
            Write(importer, p.SignupDate, NpgsqlDbType.Date);
            Write(importer, Unspecified(p.SeenAt), NpgsqlDbType.Timestamp);
            Write(importer, Unspecified(p.LastPurchase), NpgsqlDbType.Timestamp);
            Write(importer, p.Tenure, NpgsqlDbType.Interval);
            Write(importer, p.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text);
        }

        importer.Complete();
    }

    public IReadOnlyList<long> Select(Rule rule, RuleClock clock)
    {
        var query = SqlTarget.Select(rule, SqlDialect.PostgreSql, clock, "profiles");
        using var command = new NpgsqlCommand(query.Text, _connection);
        foreach (var parameter in query.Parameters)
        {
            command.Parameters.Add(PostgresParameters.For(parameter));
        }

        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        ids.Sort();
        return ids;
    }

    private static DateTime? Unspecified(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Unspecified) : null;

    private static void Write<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>Npgsql parameters for generated SQL, typed from the language type (timestamps are UTC without time zone).</summary>
public static class PostgresParameters
{
    public static NpgsqlParameter For(SqlParameter parameter) => new()
    {
        Value = parameter.Value is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Unspecified) : parameter.Value ?? DBNull.Value,
        NpgsqlDbType = parameter.Type switch
        {
            MetricType.Bool => NpgsqlDbType.Boolean,
            MetricType.Int => NpgsqlDbType.Bigint,
            MetricType.Money => NpgsqlDbType.Numeric,
            MetricType.Number => NpgsqlDbType.Double,
            MetricType.Text => NpgsqlDbType.Text,
            MetricType.Date => NpgsqlDbType.Date,
            MetricType.Timestamp => NpgsqlDbType.Timestamp,
            MetricType.Duration => NpgsqlDbType.Interval,
            _ => NpgsqlDbType.Array | NpgsqlDbType.Text,
        },
    };
}
