using Cdp.Pipeline.Lake;

namespace Cdp.Pipeline.Etl;

/// <summary>The DuckDB table function that reads the Parquet lake of a data folder (one day, or every day).</summary>
internal static class LakeScan
{
    public static string Sql(string dataDirectory, DateOnly? date = null) =>
        $"read_parquet('{Path.Combine(LakeLayout.EventsRoot(dataDirectory), date is { } d ? $"event_date={d:yyyy-MM-dd}" : "*", "*.parquet").Replace("'", "''", StringComparison.Ordinal)}', hive_partitioning = true)";
}
