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
    /// <summary>The events folder of a data folder.</summary>
    public static string EventsRoot(string dataDirectory) => Path.Combine(dataDirectory, "events");

    /// <summary>The folder of one day's partition.</summary>
    public static string Partition(string dataDirectory, DateOnly date) =>
        Path.Combine(EventsRoot(dataDirectory), "event_date=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A data file of a partition.</summary>
    public static string File(string dataDirectory, DateOnly date, string key, int sequence) =>
        Path.Combine(Partition(dataDirectory, date), $"part-{key}-{sequence.ToString("D5", CultureInfo.InvariantCulture)}.parquet");

    /// <summary>The date of a partition folder, if it is one.</summary>
    public static DateOnly? DateOf(string partitionDirectory)
    {
        var name = Path.GetFileName(partitionDirectory);
        return name.StartsWith("event_date=", StringComparison.Ordinal)
            && DateOnly.TryParseExact(name["event_date=".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }
}
