namespace Cdp.Pipeline.Scheduling;

/// <summary>
/// Never two ETL runs at once on one data folder, whoever starts them: the web app, the scheduler, another
/// runner in the same process or <c>cdp profiles etl</c> in another process. The lock is an exclusive hold on
/// <c>DATA/etl.lock</c> (an advisory lock the operating system drops when the holder ends, killed or not), so it
/// needs no table of folders in memory and leaves nothing to clean up.
/// </summary>
internal static class RunLock
{
    /// <summary>The lock of the folder, or null when a run holds it.</summary>
    public static FileStream? TryTake(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        try
        {
            return new FileStream(Path.Combine(dataDirectory, "etl.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
