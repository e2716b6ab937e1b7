using DuckDB.NET.Data;
using Xunit.Abstractions;
namespace Cdp.Rules.Backends.Tests;
public class Probe(ITestOutputHelper output)
{
    [Fact]
    public void DuckDbSemantics()
    {
        using var c = new DuckDBConnection("DataSource=:memory:");
        c.Open();
        foreach (var sql in new[] {
            "SELECT typeof(CAST(1.00 AS DECIMAL(18,2)) / CAST(3 AS BIGINT))",
            "SELECT CAST(0.01 AS DECIMAL(18,2)) / 32",
            "SELECT ROUND(CAST(0.01 AS DECIMAL(18,2)) / 32, 6)",
            "SELECT typeof(ROUND(CAST(0.01 AS DECIMAL(18,2)) / 32, 6))",
            "SELECT 1/0", "SELECT 1.0/0", "SELECT typeof(DATE '2019-10-02' - DATE '2019-10-01')",
            "SELECT lower('İSTANBUL ß MÜNCHEN')",
            "SELECT CAST(9223372036854775807 AS BIGINT) + 1",
            "SELECT typeof(CAST(1 AS DECIMAL(38,6)) * CAST(1 AS DECIMAL(18,2)))",
            "SELECT typeof(CAST(1 AS DECIMAL(38,6)) + CAST(1 AS DECIMAL(18,2)))",
            "SELECT CAST(123456789012.123456 AS DECIMAL(38,6)) * CAST(1234567.25 AS DECIMAL(18,2))",
            "SELECT typeof(CAST(5 AS BIGINT) * CAST(1 AS DECIMAL(18,2)))",
            "SELECT 7 // 2, -7 // 2, typeof(CAST(7 AS HUGEINT) // 2)",
            "SELECT typeof(sign(CAST(1.5 AS DECIMAL(18,2))))",
            "SELECT typeof(CAST(1.5 AS DECIMAL(38,10)) * 10000000000000000)",
            "SELECT typeof(abs(CAST(1 AS DECIMAL(18,2))))",
            "SELECT typeof(CAST(1 AS DECIMAL(18,2)) - CAST(2 AS BIGINT))",
            "SELECT CAST(CAST(2.5 AS DOUBLE) AS DECIMAL(18,0)), CAST(CAST(-2.5 AS DOUBLE) AS DECIMAL(18,0))",
            "SELECT typeof(COALESCE(CAST(1 AS DECIMAL(18,2)), CAST(1 AS BIGINT)))",
            "SELECT 'a' < 'B', 'a' COLLATE binary < 'B'",
        })
        {
            try { using var cmd = c.CreateCommand(); cmd.CommandText = sql; output.WriteLine($"{sql} => {cmd.ExecuteScalar()}"); }
            catch (Exception e) { output.WriteLine($"{sql} => ERROR {e.Message}"); }
        }
        using var p = c.CreateCommand();
        p.CommandText = "SELECT typeof($1), CAST($1 AS INTERVAL), typeof($2), typeof($3), typeof($4)";
        p.Parameters.Add(new DuckDBParameter(TimeSpan.FromHours(12)));
        p.Parameters.Add(new DuckDBParameter(1.5m));
        p.Parameters.Add(new DuckDBParameter(new DateOnly(2019,1,1)));
        p.Parameters.Add(new DuckDBParameter(new DateTime(2019,1,1,0,0,0,DateTimeKind.Utc)));
        using var r = p.ExecuteReader(); r.Read();
        output.WriteLine($"{r.GetValue(0)} {r.GetValue(1)} {r.GetValue(2)} {r.GetValue(3)} {r.GetValue(4)}");
    }
}
