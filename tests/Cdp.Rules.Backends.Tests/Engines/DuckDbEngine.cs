using Cdp.Rules.Tests.Support;
using DuckDB.NET.Data;

namespace Cdp.Rules.Backends.Tests.Engines;

/// <summary>An in-memory DuckDB database with a <c>profiles</c> table shaped like <see cref="TestCatalog"/>.</summary>
public sealed class DuckDbEngine : IProfileEngine, IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public DuckDbEngine()
    {
        _connection.Open();
        Execute("""
            CREATE TABLE profiles (
              user_id BIGINT PRIMARY KEY, visits BIGINT, orders BIGINT, spend DECIMAL(18,2), refunds DECIMAL(18,2),
              ratio DOUBLE, score DOUBLE, brand VARCHAR, category VARCHAR, active BOOLEAN, signup_date DATE,
              seen_at TIMESTAMP, bought_at TIMESTAMP, tenure INTERVAL, tags VARCHAR[])
            """);
    }

    public string Name => "DuckDB";

    public void Load(IReadOnlyList<TestProfile> profiles)
    {
        Execute("DELETE FROM profiles");
        using (var appender = _connection.CreateAppender("profiles"))
        {
            foreach (var p in profiles)
            {
                var row = appender.CreateRow()
                    .AppendValue(p.Id).AppendValue(p.Visits).AppendValue(p.Orders).AppendValue(p.Spend).AppendValue(p.Refunds)
                    .AppendValue(p.Ratio).AppendValue(p.Score).AppendValue(p.Brand).AppendValue(p.Category).AppendValue(p.Active)
                    .AppendValue(p.SignupDate).AppendValue(p.SeenAt).AppendValue(p.LastPurchase).AppendValue(p.Tenure);
                (p.Tags is null ? row.AppendNullValue() : row.AppendValue(p.Tags.ToList())).EndRow();
            }
        }
    }

    public IReadOnlyList<long> Select(Rule rule, RuleClock clock)
    {
        var query = SqlTarget.Select(rule, SqlDialect.DuckDb, clock, "profiles");
        using var command = _connection.CreateCommand();
        command.CommandText = query.Text;
        foreach (var parameter in query.Parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter.Value ?? DBNull.Value));
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

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
