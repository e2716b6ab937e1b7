using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using Cdp.Rules.Backends.Tests.Spark;

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

        Assert.Contains("INSERT OVERWRITE TABLE segment_membership PARTITION (as_of = DATE'2019-10-31')", sql, StringComparison.Ordinal);
        Assert.Contains("SELECT 'o\\'neill\\'s \\\\ fans`' AS name, user_id FROM `profiles` WHERE", sql, StringComparison.Ordinal);
        Assert.Equal(1, sql.Split("UNION ALL").Length - 1);
        Assert.True(spark.Errors(SparkSegmentSql.Build([], new DateOnly(2019, 10, 31)).Split(";\n")[1]).Count == 0);
    }
}
