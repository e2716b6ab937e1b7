using System.Globalization;

namespace Cdp.Pipeline.Lake;

/// <summary>
/// Where the lake keeps events: <c>DATA/events/event_date=YYYY-MM-DD/part-KEY-NNNNN.parquet</c>, the
/// layout Spark's partition discovery reads (<c>spark.read.parquet("DATA/events")</c>). KEY names the
/// source and NNNNN the file's place in it, so that writing the same source again replaces its files
/// instead of adding copies.
/// </summary>
public static class LakeLayout
{
    private const string PartitionPrefix = "event_date=";
    private const string FilePrefix = "part-";

    /// <summary>The events folder of a data folder.</summary>
    public static string EventsRoot(string dataDirectory) => Path.Combine(dataDirectory, "events");

    /// <summary>The folder of one day's partition.</summary>
    public static string Partition(string dataDirectory, DateOnly date) =>
        Path.Combine(EventsRoot(dataDirectory), PartitionName(date));

    /// <summary>A partition folder's own name (<c>event_date=2019-10-31</c>), also what a Spark job writes under its warehouse.</summary>
    public static string PartitionName(DateOnly date) => PartitionPrefix + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The glob DuckDB's <c>read_parquet</c> takes for one day's files, or every day's (<c>DATA/events/event_date=*/*.parquet</c>).
    /// </summary>
    public static string Glob(string dataDirectory, DateOnly? date) =>
        Path.Combine(EventsRoot(dataDirectory), date is { } day ? PartitionName(day) : PartitionPrefix + "*", "*.parquet");

    /// <summary>The start of the names of a source's data files (<c>part-KEY</c>), to find them in any partition.</summary>
    public static string FilePrefixOf(string key) => FilePrefix + key;

    /// <summary>A data file of a partition.</summary>
    public static string File(string dataDirectory, DateOnly date, string key, int sequence) =>
        Path.Combine(Partition(dataDirectory, date), $"{FilePrefixOf(key)}-{sequence.ToString("D5", CultureInfo.InvariantCulture)}.parquet");

    /// <summary>The date of a partition folder, if it is one.</summary>
    public static DateOnly? DateOf(string partitionDirectory)
    {
        var name = Path.GetFileName(partitionDirectory);
        return name.StartsWith(PartitionPrefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(name[PartitionPrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }
}
