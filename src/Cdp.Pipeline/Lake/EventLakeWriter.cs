using Cdp.Pipeline.Events;
using Parquet;

namespace Cdp.Pipeline.Lake;

/// <summary>
/// Writes events into the lake, one partition a UTC date, rolling a new file every
/// <see cref="RowsPerFile"/> events of a date. A file is written under a temporary name, flushed to
/// disk and then renamed, so a reader (or a crash) never sees half a file; files are named by source
/// key and sequence (<see cref="LakeLayout"/>), so writing the same source again replaces them.
/// Memory is bounded: at most <see cref="MaxBufferedEvents"/> events wait in memory across all dates.
/// </summary>
public sealed class EventLakeWriter : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly string _key;
    private readonly Dictionary<DateOnly, EventBatch> _batches = [];
    private readonly Dictionary<DateOnly, int> _sequences = [];
    private readonly ILakeReplica? _replica;
    private readonly bool _staged;
    private int _buffered;

    /// <param name="replica">Where completed files are published too (HDFS), before they count as written.</param>
    /// <param name="staged">Write into <see cref="LakeStaging"/> until <see cref="CommitAsync"/> (a file's ingest); else straight into the partitions (Kafka's batches, whose offsets make them exact).</param>
    public EventLakeWriter(string dataDirectory, string key, int rowsPerFile = 500_000, int maxBufferedEvents = 1_000_000, ILakeReplica? replica = null, bool staged = false)
    {
        _replica = replica;
        _staged = staged;
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            throw new ArgumentException("a lake key holds letters, digits, '-' and '_' only", nameof(key));
        }

        _dataDirectory = dataDirectory;
        _key = key;
        RowsPerFile = rowsPerFile;
        MaxBufferedEvents = Math.Max(rowsPerFile, maxBufferedEvents);
    }

    /// <summary>Events a file holds at most.</summary>
    public int RowsPerFile { get; }

    /// <summary>Events held in memory at most, across all open partitions.</summary>
    public int MaxBufferedEvents { get; }

    /// <summary>Every file this writer has completed.</summary>
    public List<string> WrittenFiles { get; } = [];

    /// <summary>Adds an event; writes a file when its partition is full or memory would overflow.</summary>
    public async ValueTask AddAsync(CommerceEvent e, CancellationToken cancellationToken = default)
    {
        var date = e.EventDate;
        if (!_batches.TryGetValue(date, out var batch))
        {
            batch = new EventBatch();
            _batches[date] = batch;
        }

        batch.Add(e);
        _buffered++;
        if (batch.Count >= RowsPerFile)
        {
            await FlushAsync(date, batch, cancellationToken);
        }
        else if (_buffered >= MaxBufferedEvents)
        {
            var largest = _batches.MaxBy(b => b.Value.Count);
            await FlushAsync(largest.Key, largest.Value, cancellationToken);
        }
    }

    /// <summary>Writes every event still in memory.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (date, batch) in _batches.OrderBy(b => b.Key).ToList())
        {
            if (batch.Count > 0)
            {
                await FlushAsync(date, batch, cancellationToken);
            }
        }
    }

    private async Task FlushAsync(DateOnly date, EventBatch batch, CancellationToken cancellationToken)
    {
        var sequence = _sequences.GetValueOrDefault(date);
        _sequences[date] = sequence + 1;
        var final = LakeLayout.File(_dataDirectory, date, _key, sequence);
        var path = _staged ? Path.Combine(LakeStaging.Folder(_dataDirectory, _key), Path.GetRelativePath(LakeLayout.EventsRoot(_dataDirectory), final)) : final;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            await using (var writer = await ParquetWriter.CreateAsync(EventSchema.Schema, stream, cancellationToken: cancellationToken))
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<DateTime>(EventSchema.EventTime, batch.EventTimes.ToArray(), cancellationToken: cancellationToken);
                await group.WriteAsync(EventSchema.EventType, batch.EventTypes);
                await group.WriteAsync<long>(EventSchema.ProductId, batch.ProductIds.ToArray(), cancellationToken: cancellationToken);
                await group.WriteAsync<long>(EventSchema.CategoryId, batch.CategoryIds.ToArray(), cancellationToken: cancellationToken);
                await group.WriteAsync(EventSchema.CategoryCode, batch.CategoryCodes!);
                await group.WriteAsync(EventSchema.Brand, batch.Brands!);
                await group.WriteAsync<decimal>(EventSchema.Price, batch.Prices.ToArray(), cancellationToken: cancellationToken);
                await group.WriteAsync<long>(EventSchema.UserId, batch.UserIds.ToArray(), cancellationToken: cancellationToken);
                await group.WriteAsync(EventSchema.UserSession, batch.UserSessions!);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        if (!_staged)
        {
            await PublishAsync(path, cancellationToken);
        }

        _buffered -= batch.Count;

        // Drop the batch rather than clear it: a cleared list keeps its capacity, and thirty days of
        // capacity would hold memory in proportion to the input, not to MaxBufferedEvents.
        _batches.Remove(date);
    }

    /// <summary>A staged writer's files, all written, into the lake at once (and to the replica); the ETL sees them from now on.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await CompleteAsync(cancellationToken);
        foreach (var file in LakeStaging.Commit(_dataDirectory, _key))
        {
            await PublishAsync(file, cancellationToken);
        }
    }

    private async Task PublishAsync(string path, CancellationToken cancellationToken)
    {
        if (_replica is not null)
        {
            await _replica.PublishAsync(Path.GetRelativePath(_dataDirectory, path), path, cancellationToken);
        }

        WrittenFiles.Add(path);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CompleteAsync();
}
