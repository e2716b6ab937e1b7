namespace Cdp.Pipeline.Lake;

/// <summary>The DuckDB table function that reads the Parquet lake of a data folder (one day, or every day).</summary>
internal static class LakeScan
{
    public static string Sql(string dataDirectory, DateOnly? date = null) =>
        $"read_parquet('{LakeLayout.Glob(dataDirectory, date).Replace("'", "''", StringComparison.Ordinal)}', hive_partitioning = true)";
}
