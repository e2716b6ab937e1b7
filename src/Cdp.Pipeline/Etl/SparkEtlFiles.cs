using Cdp.Pipeline.Metrics;
using Cdp.Rules;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The ETL as Spark SQL files for a cluster (run with spark-sql, the session time zone set to UTC):
/// <c>daily_aggregates_YYYY-MM-DD.sql</c> for each day and <c>profiles_YYYY-MM-DD.sql</c>, generated from
/// the same catalog and the same query builders as the embedded engine, over the lake at <c>lakePath</c>.
/// Every statement writes a folder by path (<c>INSERT OVERWRITE DIRECTORY ... USING parquet</c>) under the
/// warehouse: no table catalog is needed (each spark-sql task runs in a fresh container whose catalog would be
/// lost), nothing must exist before, and running a statement twice leaves what running it once does.
/// </summary>
public static class SparkEtlFiles
{
    /// <summary>Where the cluster keeps what Spark computes (the compose file's <c>lake</c> volume).</summary>
    public const string DefaultWarehouse = "/lake/warehouse";

    /// <param name="compute">Rules whose v2 aggregates the profiles get as columns by their stable names (the saved segments' and the
    /// computed metrics', <c>EmbeddedStore.RulesToCompute</c>), so the segment job reads them as the embedded store does.</param>
    public static IReadOnlyList<string> Write(string directory, ProfileCatalog catalog, string lakePath, DateOnly asOf, IEnumerable<DateOnly> days, string warehouse = DefaultWarehouse,
        IEnumerable<Rule>? compute = null)
    {
        Directory.CreateDirectory(directory);
        var spark = SqlDialect.SparkSql;
        var source = "parquet." + spark.QuoteIdentifier(lakePath);
        var files = new List<string>();
        foreach (var day in days)
        {
            var path = Path.Combine(directory, $"daily_aggregates_{day:yyyy-MM-dd}.sql");
            File.WriteAllText(path, $"INSERT OVERWRITE DIRECTORY {spark.TextLiteral(Folder(warehouse, "daily_aggregates", Lake.LakeLayout.PartitionName(day)))} USING parquet\n"
                + DailyAggregateQuery.Build(source, day).Replace("SELECT user_id, event_date,", "SELECT user_id,", StringComparison.Ordinal).Replace("GROUP BY user_id, event_date", "GROUP BY user_id", StringComparison.Ordinal) + ";\n");
            files.Add(path);
        }

        var profiles = Path.Combine(directory, $"profiles_{asOf:yyyy-MM-dd}.sql");
        File.WriteAllText(profiles, $"INSERT OVERWRITE DIRECTORY {spark.TextLiteral(Folder(warehouse, "profiles"))} USING parquet\n" + ProfileQuery.Build(catalog, spark, asOf, source, AggregateColumns.Of(compute ?? [])).Text + ";\n");
        files.Add(profiles);
        return files;
    }

    /// <summary>A folder under the warehouse (a path or a URI such as hdfs://..., joined with '/').</summary>
    public static string Folder(string warehouse, params string[] parts) => string.Join('/', [warehouse.TrimEnd('/'), .. parts]);
}
