using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>Segment evaluation for the cluster: one Spark SQL script that passes Spark's grammar, names escaped.</summary>
public class SparkSegmentSqlTests(SparkSqlFixture spark) : IClassFixture<SparkSqlFixture>
{
    [Fact]
    public void Every_segment_becomes_a_branch_of_one_insert_into_the_days_partition()
    {
        var catalog = ProfileCatalog.Default.Catalog;
        (string, Rule)[] segments =
        [
            ("engaged", Rule.Parse("sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)", catalog).Rule!),
            ("o'neill's \\ fans`", Rule.Parse("lower(top_brand_30d) = 'o''neill' AND days_since(last_seen_at) < 7", catalog).Rule!),
        ];
        var sql = SparkSegmentSql.Build(segments, new DateOnly(2019, 10, 31));
        foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(spark.Errors(statement).Count == 0, $"{statement}\n{string.Join("\n", spark.Errors(statement))}");
        }

        Assert.StartsWith("INSERT OVERWRITE DIRECTORY '/lake/warehouse/segment_membership/as_of=2019-10-31' USING parquet\n", sql, StringComparison.Ordinal);
        Assert.Contains("SELECT 'o\\'neill\\'s \\\\ fans`' AS name, user_id FROM parquet.`/lake/warehouse/profiles` WHERE", sql, StringComparison.Ordinal);
        Assert.Equal(1, sql.Split("UNION ALL").Length - 1);
        Assert.Single(sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries)); // one statement: nothing to create first, nothing kept between tasks
        Assert.True(spark.Errors(SparkSegmentSql.Build([], new DateOnly(2019, 10, 31)).TrimEnd(';', '\n')).Count == 0);
    }
}
