using Cdp.Rules;

namespace Cdp.Host.Rules;

/// <summary>The SQL dialects by their command-line names.</summary>
internal static class SqlDialects
{
    private static readonly SqlDialect[] All = [SqlDialect.SparkSql, SqlDialect.PostgreSql, SqlDialect.DuckDb];

    public static IEnumerable<string> Names => All.Select(d => d.Name);

    public static SqlDialect? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
