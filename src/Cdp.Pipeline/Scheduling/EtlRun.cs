namespace Cdp.Pipeline.Scheduling;

/// <summary>One attempt of an ETL run, as the history keeps it.</summary>
public sealed record EtlRun(long Id, DateOnly AsOf, DateTime StartedAt, DateTime? FinishedAt, string Status, int Attempt, long? Profiles, string? Error, string Trigger);

/// <summary>The statuses of a run.</summary>
public static class EtlRunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    /// <summary>Begun and never ended: the process stopped during the run.</summary>
    public const string Interrupted = "interrupted";
}
