
namespace Cdp.Testing;

/// <summary>dt-sql-parser's SparkSQL grammar behind a node process, shared by a test class.</summary>
public sealed class SparkSqlFixture : IDisposable
{
    private readonly NodeTool _tool = new("spark-sql-check", "check.mjs");

    /// <summary>The syntax errors of a statement, empty when it is valid Spark SQL.</summary>
    public IReadOnlyList<string> Errors(string sql)
    {
        var answer = _tool.Ask(sql);
        return answer.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("line")}:{e.GetProperty("column")}: {e.GetProperty("message").GetString()}")
            .ToList();
    }

    public void Dispose() => _tool.Dispose();
}
