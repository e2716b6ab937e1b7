namespace Cdp.Rules.Backends.Tests;

/// <summary>
/// Identifiers (table and column names, which an operator or a catalog file chooses) are quoted with the
/// dialect's own quote doubled inside, so a name can never end the identifier and start SQL of its own.
/// (The mutation run found the doubling untested: every name in the tests was plain.)
/// </summary>
public class IdentifierQuotingTests
{
    public static TheoryData<string, string, string> Names() => new()
    {
        { "postgres", "we\"ird", "\"we\"\"ird\"" },
        { "duckdb", "we\"ird", "\"we\"\"ird\"" },
        { "spark", "we`ird", "`we``ird`" },
        { "postgres", "a\"; DROP TABLE profiles; --", "\"a\"\"; DROP TABLE profiles; --\"" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_quote_inside_a_name_is_doubled(string dialect, string name, string quoted)
    {
        var sql = Dialect(dialect);

        Assert.Equal(quoted, sql.QuoteIdentifier(name));
    }

    [Fact]
    public void Each_part_of_a_qualified_table_name_is_quoted_on_its_own()
    {
        var rule = Rule.Parse("sessions_7d > 3", ShopCatalog.Instance).Rule!;

        var select = SqlTarget.Select(rule, SqlDialect.PostgreSql, RuleClock.AsOfDate(new DateOnly(2019, 10, 31)), "cdp.pro\"files").ToString();

        Assert.Contains("FROM \"cdp\".\"pro\"\"files\"", select, StringComparison.Ordinal);
    }

    private static SqlDialect Dialect(string name) => name switch
    {
        "postgres" => SqlDialect.PostgreSql,
        "duckdb" => SqlDialect.DuckDb,
        _ => SqlDialect.SparkSql,
    };
}
