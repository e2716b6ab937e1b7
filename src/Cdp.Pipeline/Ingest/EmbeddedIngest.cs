using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Lake;

namespace Cdp.Pipeline.Ingest;

/// <summary>The outcome of an ingest: how many events went into the lake, how many lines were refused, and where those are.</summary>
public sealed record IngestResult(long Accepted, long Rejected, string? RejectedFile, IReadOnlyList<string> LakeFiles);

/// <summary>
/// The embedded path, with no broker: an events file straight into the lake through the same strict
/// parser and lake writer as the Kafka path. Refused lines go to <c>DATA/rejected/NAME.rejected.csv</c>
/// (line, reason, text; at most <see cref="MaxRejectedLines"/> of them and <see cref="MaxRejectedText"/>
/// characters of each, the rest counted); the good lines go on. An ingest is known by its content, not its
/// path: the same events ingested again, from the same file or a renamed copy, replace their own lake files.
/// The files are staged (<see cref="LakeStaging"/>) and enter the lake together when the file is read to its
/// end, so the ETL never computes profiles from half a file.
/// </summary>
public static class EmbeddedIngest
{
    /// <summary>Refused lines written to the rejected file at most; the ones after are counted.</summary>
    public const int MaxRejectedLines = 10_000;

    /// <summary>Characters of one refused line kept in the rejected file.</summary>
    public const int MaxRejectedText = 1_000;

    public static async Task<IngestResult> RunAsync(string inputPath, string dataDirectory, IProgress<long>? progress = null, CancellationToken cancellationToken = default, ILakeReplica? replica = null)
    {
        LakeStaging.Recover(dataDirectory); // what a stopped ingest left: finished if it was complete, else dropped
        var key = SourceKey(inputPath);
        using var staging = LakeStaging.Begin(dataDirectory, key);
        long accepted = 0, rejected = 0;
        string? rejectedPath = null;
        StreamWriter? rejects = null;
        var writer = new EventLakeWriter(dataDirectory, key, replica: replica, staged: true);
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

                    if (rejected < MaxRejectedLines)
                    {
                        var text = line.Text.Length > MaxRejectedText ? line.Text[..MaxRejectedText] + "…" : line.Text;
                        await rejects.WriteLineAsync(string.Join(',', line.LineNumber.ToString(CultureInfo.InvariantCulture), CsvCell.QuotedText(line.Reason!), CsvCell.QuotedText(text)));
                    }

                    rejected++;
                }

                if ((accepted + rejected) % 100_000 == 0)
                {
                    progress?.Report(accepted + rejected);
                }
            }

            await writer.CommitAsync(cancellationToken);
        }
        finally
        {
            if (rejects is not null)
            {
                if (rejected > MaxRejectedLines)
                {
                    await rejects.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"0,\"{rejected - MaxRejectedLines} more refused lines are not written here (at most {MaxRejectedLines} are)\",\"\""));
                }

                await rejects.DisposeAsync();
            }
        }

        progress?.Report(accepted + rejected);
        return new IngestResult(accepted, rejected, rejectedPath, writer.WrittenFiles);
    }

    /// <summary>
    /// The name of a source by its content: the SHA-256 of its bytes, so that the same events, however the file
    /// is named or wherever it lies, always become the same lake files (a re-ingest replaces, never adds).
    /// </summary>
    public static string SourceKey(string inputPath)
    {
        using var stream = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return "file-" + Convert.ToHexStringLower(SHA256.HashData(stream))[..24];
    }
}
