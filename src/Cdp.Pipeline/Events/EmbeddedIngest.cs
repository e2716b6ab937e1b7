using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cdp.Pipeline.Lake;

namespace Cdp.Pipeline.Events;

/// <summary>The outcome of an ingest: how many events went into the lake, how many lines were refused, and where those are.</summary>
public sealed record IngestResult(long Accepted, long Rejected, string? RejectedFile, IReadOnlyList<string> LakeFiles);

/// <summary>
/// The embedded path, with no broker: an events file straight into the lake through the same strict
/// parser and lake writer as the Kafka path. Refused lines go to <c>DATA/rejected/NAME.rejected.csv</c>
/// (line, reason, text); the good lines go on. Ingesting the same file again replaces its lake files.
/// </summary>
public static class EmbeddedIngest
{
    public static async Task<IngestResult> RunAsync(string inputPath, string dataDirectory, IProgress<long>? progress = null, CancellationToken cancellationToken = default, ILakeReplica? replica = null)
    {
        var key = SourceKey(inputPath);
        long accepted = 0, rejected = 0;
        string? rejectedPath = null;
        StreamWriter? rejects = null;
        var writer = new EventLakeWriter(dataDirectory, key, replica: replica);
        try
        {
            foreach (var line in EventFileReader.ReadFile(inputPath))
            {
                if (line.Event is { } e)
                {
                    await writer.AddAsync(e, cancellationToken);
                    accepted++;
                }
                else
                {
                    if (rejects is null)
                    {
                        rejectedPath = Path.Combine(dataDirectory, "rejected", Path.GetFileName(inputPath) + ".rejected.csv");
                        Directory.CreateDirectory(Path.GetDirectoryName(rejectedPath)!);
                        rejects = new StreamWriter(rejectedPath, append: false, Encoding.UTF8);
                        await rejects.WriteLineAsync("line,reason,text");
                    }

                    await rejects.WriteLineAsync(string.Join(',', line.LineNumber.ToString(CultureInfo.InvariantCulture), Quote(line.Reason!), Quote(line.Text)));
                    rejected++;
                }

                if ((accepted + rejected) % 100_000 == 0)
                {
                    progress?.Report(accepted + rejected);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }
        finally
        {
            if (rejects is not null)
            {
                await rejects.DisposeAsync();
            }
        }

        progress?.Report(accepted + rejected);
        return new IngestResult(accepted, rejected, rejectedPath, writer.WrittenFiles);
    }

    /// <summary>A stable name for a source file: its full path and size, hashed, so that re-ingesting it replaces its lake files.</summary>
    public static string SourceKey(string inputPath)
    {
        var info = new FileInfo(inputPath);
        var identity = $"{info.FullName}|{info.Length}";
        return "file-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
