using System.Runtime.CompilerServices;
using Cdp.Pipeline.Events;
using Parquet;

namespace Cdp.Pipeline.Lake;

/// <summary>Reads the events of the lake, partition by partition, file by file (temporary files are never read).</summary>
public static class EventLakeReader
{
    /// <summary>The dates that have a partition, ascending.</summary>
    public static IReadOnlyList<DateOnly> Dates(string dataDirectory)
    {
        var root = LakeLayout.EventsRoot(dataDirectory);
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(LakeLayout.DateOf).OfType<DateOnly>().Order().ToList()
            : [];
    }

    /// <summary>The data files of one date's partition.</summary>
    public static IReadOnlyList<string> Files(string dataDirectory, DateOnly date)
    {
        var partition = LakeLayout.Partition(dataDirectory, date);
        return Directory.Exists(partition) ? Directory.GetFiles(partition, "*.parquet").Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>Every event with a date in [from, to] (both optional), partition by partition.</summary>
    public static async IAsyncEnumerable<CommerceEvent> ReadAsync(
        string dataDirectory, DateOnly? from = null, DateOnly? to = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var date in Dates(dataDirectory).Where(d => (from is null || d >= from) && (to is null || d <= to)))
        {
            foreach (var file in Files(dataDirectory, date))
            {
                await foreach (var e in ReadFileAsync(file, cancellationToken))
                {
                    yield return e;
                }
            }
        }
    }

    /// <summary>The events of one lake file.</summary>
    public static async IAsyncEnumerable<CommerceEvent> ReadFileAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var times = new DateTime[rows];
            var types = new string[rows];
            var products = new long[rows];
            var categories = new long[rows];
            var codes = new string[rows];
            var brands = new string[rows];
            var prices = new decimal[rows];
            var users = new long[rows];
            var sessions = new string[rows];
            await group.ReadAsync<DateTime>(EventSchema.EventTime, times, cancellationToken: cancellationToken);
            await group.ReadAsync(EventSchema.EventType, types, cancellationToken: cancellationToken);
            await group.ReadAsync<long>(EventSchema.ProductId, products, cancellationToken: cancellationToken);
            await group.ReadAsync<long>(EventSchema.CategoryId, categories, cancellationToken: cancellationToken);
            await group.ReadAsync(EventSchema.CategoryCode, codes, cancellationToken: cancellationToken);
            await group.ReadAsync(EventSchema.Brand, brands, cancellationToken: cancellationToken);
            await group.ReadAsync<decimal>(EventSchema.Price, prices, cancellationToken: cancellationToken);
            await group.ReadAsync<long>(EventSchema.UserId, users, cancellationToken: cancellationToken);
            await group.ReadAsync(EventSchema.UserSession, sessions, cancellationToken: cancellationToken);
            for (var i = 0; i < rows; i++)
            {
                EventTypeNames.TryParse(types[i], out var type);
                yield return new CommerceEvent(
                    DateTime.SpecifyKind(times[i], DateTimeKind.Utc), type, products[i], categories[i],
                    codes[i], brands[i], prices[i], users[i], sessions[i]);
            }
        }
    }
}
