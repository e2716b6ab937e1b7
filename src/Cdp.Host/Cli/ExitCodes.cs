namespace Cdp.Host.Cli;

/// <summary>What the process exit code means, for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;
    /// <summary>The rule has mistakes; the diagnostics were printed.</summary>
    public const int InvalidRule = 1;
    /// <summary>The command line or an input file is wrong; the error was printed to stderr.</summary>
    public const int UsageError = 2;
    /// <summary><c>destinations deliver</c>: batches are left pending or parked (see <c>destinations log</c>).</summary>
    public const int Undelivered = 1;
}
