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

    [Fact]
    public void A_v2_rule_reads_its_aggregate_columns_and_in_segment_reads_the_same_days_rule_of_the_segment_it_names()
    {
        var catalog = ProfileCatalog.Default.Catalog;
        var options = new RuleOptions { Segments = ["buyers", "big buyers", "others"] };
        (string, Rule)[] segments =
        [
            ("others", Rule.Parse("NOT in_segment('big buyers')", catalog, options).Rule!),
            ("big buyers", Rule.Parse("in_segment('buyers') AND spend_30d > 100", catalog, options).Rule!),
            ("buyers", Rule.Parse("count(purchases IN LAST 30d) >= 1", catalog, options).Rule!),
        ];
        var sql = SparkSegmentSql.Build(segments, new DateOnly(2019, 10, 31));

        Assert.True(spark.Errors(sql.TrimEnd(';', '\n')).Count == 0, $"{sql}\n{string.Join("\n", spark.Errors(sql.TrimEnd(';', '\n')))}");
        var aggregate = segments[2].Item2.Aggregates.Single().Name;
        var buyersFlag = $"AS `{DerivedMetric.SegmentName("buyers")}`";
        var bigFlag = $"AS `{DerivedMetric.SegmentName("big buyers")}`";
        Assert.Contains($"`{aggregate}` >= 1", sql, StringComparison.Ordinal); // read from the profiles' column
        Assert.Contains($"{buyersFlag} FROM parquet.`/lake/warehouse/profiles` AS segments0)", sql, StringComparison.Ordinal); // innermost: computed first
        Assert.Contains($"{bigFlag} FROM (SELECT *", sql, StringComparison.Ordinal); // over the one it reads
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(sql, bigFlag)); // once, in the WITH every branch reads
        Assert.Equal(["'buyers' AS name", "'big buyers' AS name", "'others' AS name"],
            System.Text.RegularExpressions.Regex.Matches(sql, "'[a-z ]+' AS name").Select(m => m.Value)); // in dependency order
        Assert.Single(sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_profiles_job_computes_the_aggregates_the_segment_job_reads()
    {
        using var directory = new TemporaryDirectory();
        var rule = Rule.Parse("count(purchases WHERE brand = 'apple' IN LAST 30d) >= 1", ProfileCatalog.Default.Catalog).Rule!;
        var files = SparkEtlFiles.Write(directory.Path, ProfileCatalog.Default, "/lake/events", new DateOnly(2019, 10, 31), [], compute: [rule]);

        var profiles = await File.ReadAllTextAsync(files.Single());
        Assert.True(spark.Errors(profiles.TrimEnd(';', '\n')).Count == 0, string.Join("\n", spark.Errors(profiles.TrimEnd(';', '\n'))));
        Assert.Contains($"AS `{rule.Aggregates.Single().Name}`", profiles, StringComparison.Ordinal);
    }
}
