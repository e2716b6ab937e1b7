using System.Text;
using Cdp.Pipeline.Store.Segments;
using Cdp.Rules;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// Segment evaluation as Spark SQL for a cluster: one <c>INSERT OVERWRITE DIRECTORY</c> of the day's folder of
/// <c>segment_membership</c> (<c>WAREHOUSE/segment_membership/as_of=D</c>: name, user_id) with every segment's
/// members, each rule compiled by the Spark SQL target (literals escaped inline) over the profiles the profiles
/// job wrote to <c>WAREHOUSE/profiles</c>, read by path. No table catalog, safe to run twice (see
/// <see cref="SparkEtlFiles"/>). v2: a rule reads its aggregates from the profiles' columns (the profiles job computes
/// them, <see cref="SparkEtlFiles.Write"/>); <c>in_segment('x')</c> reads a column that is x's own rule on the same
/// profile, TRUE or FALSE, computed first in a chain of subqueries in dependency order (membership of the same day is
/// exactly that), so one statement still does all.
/// </summary>
public static class SparkSegmentSql
{
    public const string Table = "segment_membership";

    public static string Build(IEnumerable<(string Name, Rule Rule)> segments, DateOnly asOf, string warehouse = SparkEtlFiles.DefaultWarehouse)
    {
        var spark = SqlDialect.SparkSql;
        var clock = RuleClock.AsOfDate(asOf);
        var text = new StringBuilder();
        var source = "parquet." + spark.QuoteIdentifier(SparkEtlFiles.Folder(warehouse, "profiles"));
        var list = segments.ToList();
        var rules = list.ToDictionary(s => s.Name, s => s.Rule.WithDerivedColumns(), StringComparer.Ordinal);
        var reads = list.ToDictionary(s => s.Name, s => (IReadOnlyCollection<string>)[.. s.Rule.SegmentReferences.Select(r => r.Segment!)], StringComparer.Ordinal);
        var order = SegmentGraph.Order(reads); // a segment on a cycle, or reading one unknown here, is left out
        var read = order.Where(name => reads.Values.Any(r => r.Contains(name))).ToList();
        var profiles = source;
        for (var i = 0; i < read.Count; i++)
        {
            var flag = spark.QuoteIdentifier(DerivedMetric.SegmentName(read[i]));
            profiles = $"(SELECT *, coalesce({SqlTarget.Condition(rules[read[i]], spark, clock).Text}, FALSE) AS {flag} FROM {profiles} AS segments{i})";
        }

        var from = read.Count == 0 ? source : "segments";
        var selects = order.Select(name =>
            $"SELECT {spark.TextLiteral(name)} AS name, user_id FROM {from} WHERE {SqlTarget.Condition(rules[name], spark, clock).Text}").ToList();
        if (selects.Count == 0)
        {
            selects.Add($"SELECT CAST(NULL AS STRING) AS name, CAST(NULL AS BIGINT) AS user_id FROM {source} WHERE false");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"INSERT OVERWRITE DIRECTORY {spark.TextLiteral(SparkEtlFiles.Folder(warehouse, Table, $"as_of={asOf:yyyy-MM-dd}"))} USING parquet\n");
        if (read.Count > 0)
        {
            text.Append($"WITH segments AS (SELECT * FROM {profiles} AS segments{read.Count})\n"); // the flags once, read by every branch
        }

        text.Append(string.Join("\nUNION ALL\n", selects));
        text.Append(";\n");
        return text.ToString();
    }
}
