namespace Cdp.Pipeline.Lake;

/// <summary>The DuckDB table function that reads the Parquet lake of a data folder (one day, some days, or every day).</summary>
internal static class LakeScan
{
    public static string Sql(string dataDirectory, DateOnly? date = null) =>
        $"read_parquet({DuckDbCommands.Literal(LakeLayout.Glob(dataDirectory, date))}, hive_partitioning = true)";

    /// <summary>The files of these days (at least one).</summary>
    public static string Sql(string dataDirectory, IEnumerable<DateOnly> dates) =>
        $"read_parquet({DuckDbCommands.FileList(dates.Select(d => LakeLayout.Glob(dataDirectory, d)))}, hive_partitioning = true)";
}
