using System.Globalization;
using System.Text;
using Cdp.Pipeline.Lake;
using Parquet;
using Parquet.Schema;

namespace Cdp.Pipeline.Activation;

/// <summary>
/// Writes a segment evaluation's changes as <c>SEGMENT/as_of=DAY/changes-BATCH.csv</c> and <c>.parquet</c> under the
/// destination's folder: each written as <c>.tmp</c> and renamed, so a reader never sees half a file. A WebHDFS location
/// (<c>http://namenode:9870/folder</c>, as the lake's <c>--hdfs</c>) gets the same files through WebHDFS.
/// </summary>
public sealed class FileSender : IDestinationSender
{
    private static readonly DataField<string> Segment = new("segment", nullable: false);
    private static readonly DataField<int> Version = new("version", nullable: false);
    private static readonly DateTimeDataField AsOf = new("as_of", DateTimeFormat.Date, isNullable: false);
    private static readonly DataField<long> UserId = new("user_id", nullable: false);
    private static readonly DataField<string> Change = new("change", nullable: false);
    private static readonly DataField<bool> Initial = new("initial", nullable: false);
    private static readonly DataField<string> Key = new("key", nullable: false);
    private static readonly DataField<string> RuleHash = new("rule_hash", nullable: false);
    private static readonly ParquetSchema Schema = new(Segment, Version, AsOf, UserId, Change, Initial, Key, RuleHash);

    private readonly Destination _destination;
    private readonly WebHdfsReplica? _hdfs;

    /// <param name="webHdfs">How WebHDFS is reached (tests); by default a handler that connects only where <paramref name="hosts"/> allows.</param>
    public FileSender(Destination destination, HostPolicy hosts, HttpMessageHandler? webHdfs = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(hosts);
        _destination = destination;
        if (Uri.TryCreate(destination.Target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            _hdfs = new WebHdfsReplica(uri, handler: webHdfs ?? hosts.Handler());
        }
    }

    public async Task<DeliveryOutcome> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var stem = attempt.Batch.Id < 0 ? $"test-{-attempt.Batch.Id}" : $"changes-{attempt.Batch.Id.ToString("D10", CultureInfo.InvariantCulture)}"; // a test send has no batch of the outbox
        var relative = Path.Combine(attempt.Batch.Segment, $"as_of={attempt.Batch.AsOf:yyyy-MM-dd}", stem);
        var folder = _hdfs is null ? _destination.Target : Path.Combine(Path.GetTempPath(), "cdp-activation-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = new List<string>();
            foreach (var extension in new[] { ".csv", ".parquet" })
            {
                var path = Path.Combine(folder, relative + extension);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var temporary = path + ".tmp";
                await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    await (extension == ".csv" ? WriteCsvAsync(stream, attempt.Changes, cancellationToken) : WriteParquetAsync(stream, attempt.Changes, cancellationToken));
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: true);
                if (_hdfs is not null)
                {
                    await _hdfs.PublishAsync(relative + extension, path, cancellationToken);
                }

                written.Add(relative + extension);
            }

            return DeliveryOutcome.Success(string.Join(", ", written));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            return DeliveryOutcome.Failure(failure.Message);
        }
        finally
        {
            if (_hdfs is not null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task WriteCsvAsync(Stream stream, IReadOnlyList<MembershipChange> changes, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync("segment,version,as_of,user_id,change,initial,key,rule_hash".AsMemory(), cancellationToken);
        foreach (var c in changes)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{CsvCell.Text(c.Segment)},{c.Version},{c.AsOf:yyyy-MM-dd},{c.UserId},{c.Change},{(c.Initial ? "true" : "false")},{c.Key},{c.RuleHash}").AsMemory(), cancellationToken);
        }
    }

    private static async Task WriteParquetAsync(Stream stream, IReadOnlyList<MembershipChange> changes, CancellationToken cancellationToken)
    {
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(Segment, changes.Select(c => c.Segment).ToArray());
        await group.WriteAsync<int>(Version, changes.Select(c => c.Version).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<DateTime>(AsOf, changes.Select(c => c.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<long>(UserId, changes.Select(c => c.UserId).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(Change, changes.Select(c => c.Change).ToArray());
        await group.WriteAsync<bool>(Initial, changes.Select(c => c.Initial).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync(Key, changes.Select(c => c.Key).ToArray());
        await group.WriteAsync(RuleHash, changes.Select(c => c.RuleHash).ToArray());
    }

    public void Dispose() => _hdfs?.Dispose();
}
