using Cronos;

namespace Cdp.Pipeline.Scheduling;

/// <summary>
/// When the daily ETL runs: a cron expression in UTC (default 02:00 every day). A run at time T computes
/// the profiles as of T's previous UTC day, the last complete one, the same date semantics as the Airflow
/// DAG of the cluster deployment (its logical date).
/// </summary>
public sealed class EtlSchedule(string cron = "0 2 * * *")
{
    private readonly CronExpression _expression = CronExpression.Parse(cron);

    /// <summary>The next run after <paramref name="now"/> (UTC).</summary>
    public DateTime Next(DateTime now) => _expression.GetNextOccurrence(DateTime.SpecifyKind(now, DateTimeKind.Utc))
        ?? throw new InvalidOperationException($"the schedule `{cron}` never fires again");

    /// <summary>The as-of day of a run that starts at <paramref name="runTime"/>.</summary>
    public static DateOnly AsOfFor(DateTime runTime) => DateOnly.FromDateTime(runTime).AddDays(-1);
}
