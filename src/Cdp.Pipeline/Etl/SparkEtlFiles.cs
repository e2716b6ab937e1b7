using Cdp.Pipeline.Metrics;
using Cdp.Rules;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The ETL as Spark SQL files for a cluster (run with spark-sql, the session time zone set to UTC):
/// <c>daily_aggregates_YYYY-MM-DD.sql</c> for each day and <c>profiles_YYYY-MM-DD.sql</c>, generated from
/// the same catalog and the same query builders as the embedded engine, over the lake at <c>lakePath</c>.
/// </summary>
public static class SparkEtlFiles
{
    public static IReadOnlyList<string> Write(string directory, ProfileCatalog catalog, string lakePath, DateOnly asOf, IEnumerable<DateOnly> days)
    {
        Directory.CreateDirectory(directory);
        var source = "parquet." + SqlDialect.SparkSql.QuoteIdentifier(lakePath);
        var files = new List<string>();
        foreach (var day in days)
        {
            var path = Path.Combine(directory, $"daily_aggregates_{day:yyyy-MM-dd}.sql");
            File.WriteAllText(path, $"INSERT OVERWRITE TABLE daily_aggregates PARTITION (event_date = DATE'{day:yyyy-MM-dd}')\n"
                + DailyAggregateQuery.Build(source, day).Replace("SELECT user_id, event_date,", "SELECT user_id,", StringComparison.Ordinal).Replace("GROUP BY user_id, event_date", "GROUP BY user_id", StringComparison.Ordinal) + ";\n");
            files.Add(path);
        }

        var profiles = Path.Combine(directory, $"profiles_{asOf:yyyy-MM-dd}.sql");
        File.WriteAllText(profiles, "CREATE OR REPLACE TABLE profiles USING parquet AS\n" + ProfileQuery.Build(catalog, SqlDialect.SparkSql, asOf, source).Text + ";\n");
        files.Add(profiles);
        return files;
    }
}
