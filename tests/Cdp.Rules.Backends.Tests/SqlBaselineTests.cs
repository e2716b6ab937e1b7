using System.Globalization;

namespace Cdp.Rules.Backends.Tests;

/// <summary>
/// Baselines of the PostgreSQL and DuckDB text (as efcore.pg pins its SQL), beside Spark's golden file: the rules of
/// Cases/spark.txt, each with the exact condition and its parameters, so that a reviewer sees what a change does to
/// the SQL. The meaning is proven by the cross-backend properties; these pin the spelling. After a deliberate
/// change, CDP_WRITE_GOLDEN=1 writes the files again from the code, and the diff is what a reviewer reads.
/// </summary>
public class SqlBaselineTests
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    public static TheoryData<string, string> PostgreSql => Baseline("postgres.txt", SqlDialect.PostgreSql);

    public static TheoryData<string, string> DuckDb => Baseline("duckdb.txt", SqlDialect.DuckDb);

    [Theory]
    [MemberData(nameof(PostgreSql))]
    public void PostgreSQL_text_is_pinned(string rule, string expected) => Assert.Equal(expected, Line(rule, SqlDialect.PostgreSql));

    [Theory]
    [MemberData(nameof(DuckDb))]
    public void DuckDB_text_is_pinned(string rule, string expected) => Assert.Equal(expected, Line(rule, SqlDialect.DuckDb));

    [Fact]
    public void Every_Spark_case_has_a_PostgreSQL_and_a_DuckDB_baseline()
    {
        var rules = GoldenCases.Read("spark.txt").Select(row => (string)row[0]).ToList();
        Assert.Equal(rules, PostgreSql.Select(row => (string)row[0]));
        Assert.Equal(rules, DuckDb.Select(row => (string)row[0]));
    }

    /// <summary>The condition and its parameters on one line: <c>TEXT -- $1 = 3 (int), $2 = ...</c>.</summary>
    private static string Line(string rule, SqlDialect dialect)
    {
        var parsed = Rule.Parse(rule, ShopCatalog.Instance);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        var query = SqlTarget.Condition(parsed.Rule, dialect, Clock);
        return query.Parameters.Count == 0
            ? query.Text
            : query.Text + " -- " + string.Join(", ", query.ToString().Split('\n').Skip(1).Select(p => p["-- ".Length..]));
    }

    private static TheoryData<string, string> Baseline(string file, SqlDialect dialect)
    {
        if (Environment.GetEnvironmentVariable("CDP_WRITE_GOLDEN") == "1")
        {
            var lines = GoldenCases.Read("spark.txt").Select(row => (string)row[0])
                .Select(rule => Escape(rule) + GoldenCases.Separator + Line(rule, dialect));
            var header = string.Create(CultureInfo.InvariantCulture, $"# rule (the platform's catalog, as of 2019-10-31) ⇶ the exact {dialect.Name} condition -- its parameters\n");
            File.WriteAllText(Path.Combine(RepositoryPaths.Root, "tests", "Cdp.Rules.Backends.Tests", "Cases", file), header + string.Join("\n", lines) + "\n");
            File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "Cdp.Rules.Backends.Tests", "Cases", file), Path.Combine(AppContext.BaseDirectory, "Cases", file), overwrite: true);
        }

        return GoldenCases.Read(file);
    }

    private static string Escape(string input) => input.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
