using System.Text;
using Cdp.Rules;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// Segment evaluation as Spark SQL for a cluster: one <c>INSERT OVERWRITE DIRECTORY</c> of the day's folder of
/// <c>segment_membership</c> (<c>WAREHOUSE/segment_membership/as_of=D</c>: name, user_id) with every segment's
/// members, each rule compiled by the Spark SQL target (literals escaped inline) over the profiles the profiles
/// job wrote to <c>WAREHOUSE/profiles</c>, read by path. No table catalog, safe to run twice (see
/// <see cref="SparkEtlFiles"/>).
/// </summary>
public static class SparkSegmentSql
{
    public const string Table = "segment_membership";

    public static string Build(IEnumerable<(string Name, Rule Rule)> segments, DateOnly asOf, string warehouse = SparkEtlFiles.DefaultWarehouse)
    {
        var spark = SqlDialect.SparkSql;
        var clock = RuleClock.AsOfDate(asOf);
        var text = new StringBuilder();
        var profiles = "parquet." + spark.QuoteIdentifier(SparkEtlFiles.Folder(warehouse, "profiles"));
        var selects = segments.Select(s =>
            $"SELECT {spark.TextLiteral(s.Name)} AS name, user_id FROM {profiles} WHERE {SqlTarget.Condition(s.Rule, spark, clock).Text}").ToList();
        if (selects.Count == 0)
        {
            selects.Add($"SELECT CAST(NULL AS STRING) AS name, CAST(NULL AS BIGINT) AS user_id FROM {profiles} WHERE false");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"INSERT OVERWRITE DIRECTORY {spark.TextLiteral(SparkEtlFiles.Folder(warehouse, Table, $"as_of={asOf:yyyy-MM-dd}"))} USING parquet\n");
        text.Append(string.Join("\nUNION ALL\n", selects));
        text.Append(";\n");
        return text.ToString();
    }
}
