using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cdp.Rules.Backends.Tests.Spark;

/// <summary>
/// Spark cannot run here, so its SQL is held to two checks: every generated statement passes Spark's
/// grammar (dt-sql-parser), and golden files pin the exact text for review against Spark's documentation.
/// Its meaning is proven by the same tree compiled for DuckDB and PostgreSQL in CrossBackendProperties.
/// </summary>
public class SparkSqlTests(SparkSqlFixture spark) : IClassFixture<SparkSqlFixture>
{
    [ScaledProperty(500)]
    public Property Every_generated_statement_is_valid_Spark_SQL() =>
        Prop.ForAll(Arb.From(RuleGenerators.Rule), tree =>
        {
            var rule = Rule.Parse(tree.ToString(), TestCatalog.Instance).Rule!;
            var sql = SqlTarget.Select(rule, SqlDialect.SparkSql, ValuePools.Clock, "profiles").Text;
            var errors = spark.Errors(sql);
            Assert.True(errors.Count == 0, $"{rule}\n{sql}\n{string.Join("\n", errors)}");
        });

    public static TheoryData<string, string> Golden => GoldenCases.Read("spark.txt");

    [Theory]
    [MemberData(nameof(Golden))]
    public void Spark_SQL_text_is_pinned(string rule, string expected)
    {
        var parsed = Rule.Parse(rule, ShopCatalog.Instance);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        var sql = SqlTarget.Condition(parsed.Rule, SqlDialect.SparkSql, RuleClock.AsOfDate(new DateOnly(2019, 10, 31))).Text;
        Assert.Equal(expected, sql);
        Assert.Empty(spark.Errors("SELECT `user_id` FROM `profiles` WHERE " + sql));
    }

    /// <summary>Found by the property: a column minus a function call inside parentheses, which the grammar took for a hyphenated name.</summary>
    [Theory]
    [InlineData("ratio - abs(orders) / coalesce(12, orders) >= orders")]
    [InlineData("visits - abs(visits) > 0 AND (spend - abs(spend)) * 2 <= 0")]
    public void A_difference_whose_subtrahend_is_a_call_is_valid_Spark_SQL(string text)
    {
        var sql = SqlTarget.Select(Rule.Parse(text, TestCatalog.Instance).Rule!, SqlDialect.SparkSql, ValuePools.Clock, "profiles").Text;

        Assert.Empty(spark.Errors(sql));
    }
}
