using Cdp.Rules.Backends.Tests.Engines;
using DuckDB.NET.Data;

namespace Cdp.Rules.Backends.Tests;

/// <summary>
/// Hostile text is data: the structure of the generated SQL does not change with a literal's content,
/// the literal reaches the engine intact, and the statement selects exactly the row holding that text.
/// </summary>
public class InjectionTests(EnginesFixture engines, SparkSqlFixture spark) : IClassFixture<EnginesFixture>, IClassFixture<SparkSqlFixture>
{
    public static TheoryData<string> Hostile =>
    [
        "'", "''", "\"", "\\", "\\'", "'; DROP TABLE profiles; --", "' OR '1'='1", "\" OR \"1\"=\"1", "%", "_", "%_%", "\\%",
        "*", ".*", "[a-z]", "$where", "${x}", "`", "``; DROP TABLE t", "line\nbreak", "tab\there", "\r\n", "日本 🎉",
        "$1", "?", ":name", "@p0", "/* comment */", "-- comment", "\\u0027", "E'\\x27'", "$$ dollar $$", "ü\u0301",
    ];

    private static readonly RuleClock Clock = ValuePools.Clock;

    private static Rule BrandIs(string value) => Rule.Parse($"brand = {LiteralText(value)} AND brand CONTAINS {LiteralText(value)}", TestCatalog.Instance).Rule!;

    private static string LiteralText(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Parameterised_sql_has_the_same_text_whatever_the_literal(string value)
    {
        foreach (var dialect in new[] { SqlDialect.PostgreSql, SqlDialect.DuckDb })
        {
            var hostile = SqlTarget.Select(BrandIs(value), dialect, Clock, "profiles");
            var plain = SqlTarget.Select(BrandIs("x"), dialect, Clock, "profiles");
            Assert.Equal(plain.Text, hostile.Text);
            Assert.Equal(value, Assert.Single(hostile.Parameters).Value);
        }
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Spark_literals_are_escaped_into_one_string_token(string value)
    {
        var sql = SqlTarget.Select(BrandIs(value), SqlDialect.SparkSql, Clock, "profiles").Text;
        var plain = SqlTarget.Select(BrandIs("x"), SqlDialect.SparkSql, Clock, "profiles").Text;
        var escaped = Sql.SparkSqlDialect.Text(value);
        Assert.Equal(plain.Replace("'x'", escaped, StringComparison.Ordinal), sql);
        Assert.Equal(value, UnescapeSpark(escaped));
        Assert.Empty(spark.Errors(sql));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void The_engines_select_exactly_the_row_with_the_hostile_text(string value)
    {
        TestProfile[] table = [new() { Id = 1, Brand = value }, new() { Id = 2, Brand = value + "x" }, new() { Id = 3, Brand = "x" }];
        foreach (IProfileEngine engine in new IProfileEngine[] { engines.DuckDb, engines.Postgres })
        {
            engine.Load(table);
            Assert.Equal([1L], engine.Select(BrandIs(value), Clock));
        }
    }

    [Fact]
    public void A_hostile_table_name_is_one_quoted_identifier()
    {
        const string name = "profiles\"; DROP TABLE profiles; --";
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE \"profiles\"\"; DROP TABLE profiles; --\" (user_id BIGINT, brand VARCHAR); INSERT INTO \"profiles\"\"; DROP TABLE profiles; --\" VALUES (7, 'a')";
            create.ExecuteNonQuery();
        }

        var query = SqlTarget.Select(BrandIs("a"), SqlDialect.DuckDb, Clock, name);
        using var select = connection.CreateCommand();
        select.CommandText = query.Text;
        select.Parameters.Add(new DuckDBParameter("a"));
        Assert.Equal(7L, select.ExecuteScalar());
        Assert.Contains("FROM \"profiles\"\"; DROP TABLE profiles; --\" WHERE", query.Text, StringComparison.Ordinal);
        Assert.Contains("FROM `profiles\"; DROP TABLE profiles; --` WHERE", SqlTarget.Select(BrandIs("a"), SqlDialect.SparkSql, Clock, name).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_with_a_NUL_character_is_refused_where_it_is_written() =>
        Assert.Equal(
            "1:9: text cannot hold the NUL character (U+0000)",
            Assert.Single(Rule.Parse("brand = 'a\0b'", TestCatalog.Instance).Diagnostics).ToString());

    [Theory]
    [InlineData("a\"b")]
    [InlineData("a`b")]
    [InlineData("a; DROP TABLE t")]
    [InlineData("1abc")]
    public void A_catalog_refuses_metric_names_that_are_not_identifiers(string name) =>
        Assert.Throws<ArgumentException>(() => new MetricCatalog([new MetricDefinition(name, MetricType.Int, "")]));

    /// <summary>Spark's unescaping of a string literal, as its lexer does it, to prove the escaped text means the value.</summary>
    private static string UnescapeSpark(string literal)
    {
        var body = literal[1..^1];
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                Assert.NotEqual('\'', body[i]);
                builder.Append(body[i]);
                continue;
            }

            var next = body[++i];
            if (next == 'u')
            {
                builder.Append((char)Convert.ToInt32(body.Substring(i + 1, 4), 16));
                i += 4;
            }
            else
            {
                builder.Append(next);
            }
        }

        return builder.ToString();
    }
}
