using System.Text;
using Cdp.Rules;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// Segment evaluation as Spark SQL for a cluster: one <c>INSERT OVERWRITE</c> of the day's partition of
/// <c>segment_membership</c> (name, user_id; partitioned by as_of) with every segment's members, each rule compiled
/// by the Spark SQL target (literals escaped inline) over the <c>profiles</c> table the profiles job wrote.
/// </summary>
public static class SparkSegmentSql
{
    public const string Table = "segment_membership";

    public static string Build(IEnumerable<(string Name, Rule Rule)> segments, DateOnly asOf, string profilesTable = "profiles")
    {
        var spark = SqlDialect.SparkSql;
        var clock = RuleClock.AsOfDate(asOf);
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"CREATE TABLE IF NOT EXISTS {Table} (name STRING, user_id BIGINT, as_of DATE) USING parquet PARTITIONED BY (as_of);\n");
        var selects = segments.Select(s =>
            $"SELECT {spark.TextLiteral(s.Name)} AS name, user_id FROM {spark.QuoteIdentifier(profilesTable)} WHERE {SqlTarget.Condition(s.Rule, spark, clock).Text}").ToList();
        if (selects.Count == 0)
        {
            selects.Add($"SELECT CAST(NULL AS STRING) AS name, CAST(NULL AS BIGINT) AS user_id FROM {spark.QuoteIdentifier(profilesTable)} WHERE false");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"INSERT OVERWRITE TABLE {Table} PARTITION (as_of = DATE'{asOf:yyyy-MM-dd}')\n");
        text.Append(string.Join("\nUNION ALL\n", selects));
        text.Append(";\n");
        return text.ToString();
    }
}
