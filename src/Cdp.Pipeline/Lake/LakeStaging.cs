namespace Cdp.Pipeline.Lake;

/// <summary>
/// Where an ingest from a file writes before it is complete: <c>DATA/events/_incoming/KEY/event_date=D/…</c>,
/// out of the ETL's sight (it reads <c>events/event_date=*/*.parquet</c>). When every file is written the ingest
/// marks its folder committed and moves the files into their partitions; a process that stops before the mark
/// leaves a folder that the next ingest or ETL run deletes, one that stops after it leaves one that they finish.
/// So the ETL sees a file's events whole or not at all.
/// </summary>
public static class LakeStaging
{
    private const string CommittedMark = "COMMITTED";
    private const string LiveMark = "LOCK";

    /// <summary>
    /// Starts an ingest's staging folder and holds its lock until disposed: while a process holds it, no other
    /// process's recovery touches the folder (a live ingest is not a leftover). Refused when the same content is
    /// being ingested by another process.
    /// </summary>
    public static IDisposable Begin(string dataDirectory, string key)
    {
        var folder = Directory.CreateDirectory(Folder(dataDirectory, key));
        try
        {
            return new FileStream(Path.Combine(folder.FullName, LiveMark), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException("the same events are being ingested by another process right now");
        }
    }

    /// <summary>Whether a live process holds the folder (its lock cannot be taken).</summary>
    private static bool IsLive(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, LiveMark), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>The staging folder of every ingest.</summary>
    public static string Root(string dataDirectory) => Path.Combine(LakeLayout.EventsRoot(dataDirectory), "_incoming");

    /// <summary>The staging folder of one ingest.</summary>
    public static string Folder(string dataDirectory, string key) => Path.Combine(Root(dataDirectory), key);

    /// <summary>Where a staged file goes in the lake.</summary>
    public static string Destination(string dataDirectory, string key, string stagedFile) =>
        Path.Combine(LakeLayout.EventsRoot(dataDirectory), Path.GetRelativePath(Folder(dataDirectory, key), stagedFile));

    /// <summary>Marks an ingest's staged files complete (flushed to disk), then moves them into the lake; the files in the lake.</summary>
    public static IReadOnlyList<string> Commit(string dataDirectory, string key)
    {
        var folder = Folder(dataDirectory, key);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        using (var mark = new FileStream(Path.Combine(folder, CommittedMark), FileMode.Create, FileAccess.Write))
        {
            mark.Flush(flushToDisk: true);
        }

        return Finish(dataDirectory, key);
    }

    /// <summary>Finishes committed ingests and deletes uncommitted ones that a stopped process left; the keys finished.</summary>
    public static IReadOnlyList<string> Recover(string dataDirectory)
    {
        var root = Root(dataDirectory);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var finished = new List<string>();
        foreach (var folder in Directory.GetDirectories(root))
        {
            var key = Path.GetFileName(folder);
            if (IsLive(folder))
            {
                continue;
            }

            if (File.Exists(Path.Combine(folder, CommittedMark)))
            {
                Finish(dataDirectory, key);
                finished.Add(key);
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return finished;
    }

    private static List<string> Finish(string dataDirectory, string key)
    {
        var folder = Folder(dataDirectory, key);
        var moved = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var destination = Destination(dataDirectory, key, file);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(file, destination, overwrite: true);
            moved.Add(destination);
        }

        Directory.Delete(folder, recursive: true);
        return moved;
    }
}
