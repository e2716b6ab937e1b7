using Cdp.Pipeline.Scheduling;

namespace Cdp.Pipeline.Tests;

public class SchedulingTests
{
    [Fact]
    public async Task A_failing_run_is_retried_with_its_history_kept()
    {
        using var data = new TemporaryDirectory();
        var calls = 0;
        var runner = new EtlRunner(data.Path, _ => ++calls < 3 ? throw new IOException($"disk hiccup {calls}") : 42, maxAttempts: 3, firstPause: TimeSpan.FromMilliseconds(10));

        var run = await runner.RunAsync(new DateOnly(2019, 10, 31), "test");

        Assert.Equal(EtlRunStatus.Succeeded, run.Status);
        Assert.Equal(3, run.Attempt);
        Assert.Equal(42, run.Profiles);
        var history = runner.History();
        Assert.Equal([EtlRunStatus.Succeeded, EtlRunStatus.Failed, EtlRunStatus.Failed], history.Select(r => r.Status));
        Assert.Equal(["disk hiccup 2", "disk hiccup 1"], history.Skip(1).Select(r => r.Error));
        Assert.All(history, r => Assert.Equal(new DateOnly(2019, 10, 31), r.AsOf));
    }

    [Fact]
    public async Task A_run_is_in_the_history_while_it_runs_and_one_cut_off_is_marked_interrupted_on_restart()
    {
        using var data = new TemporaryDirectory();
        using var release = new ManualResetEventSlim();
        var runner = new EtlRunner(data.Path, _ =>
        {
            release.Wait();
            return 7;
        }, maxAttempts: 1);
        var running = runner.RunAsync(new DateOnly(2019, 10, 31), "test");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (runner.History().FirstOrDefault()?.Status != EtlRunStatus.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var begun = Assert.Single(runner.History());
        Assert.Equal(EtlRunStatus.Running, begun.Status);
        Assert.Null(begun.FinishedAt);

        // What a restarted process sees of a run whose process was killed: it began and never ended.
        Assert.Equal(1, new EtlRunner(data.Path, _ => 0).MarkInterrupted());
        var interrupted = Assert.Single(runner.History());
        Assert.Equal(EtlRunStatus.Interrupted, interrupted.Status);
        Assert.Contains("stopped before the run ended", interrupted.Error, StringComparison.Ordinal);

        release.Set();
        Assert.Equal(EtlRunStatus.Succeeded, (await running).Status);
        Assert.Equal(0, runner.MarkInterrupted());
    }

    [Fact]
    public async Task A_run_that_keeps_failing_stops_after_its_attempts()
    {
        using var data = new TemporaryDirectory();
        var runner = new EtlRunner(data.Path, _ => throw new InvalidOperationException("no lake"), maxAttempts: 2, firstPause: TimeSpan.FromMilliseconds(1));
        var run = await runner.RunAsync(new DateOnly(2019, 10, 31), "test");
        Assert.Equal(EtlRunStatus.Failed, run.Status);
        Assert.Equal(2, run.Attempt);
        Assert.Equal(2, runner.History().Count);
    }

    [Fact]
    public async Task Two_runs_never_overlap()
    {
        using var data = new TemporaryDirectory();
        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        var slow = new EtlRunner(data.Path, _ =>
        {
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            return 1;
        });
        var first = slow.RunAsync(new DateOnly(2019, 10, 30), "schedule");
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the first run never began its work");
        var second = await slow.RunAsync(new DateOnly(2019, 10, 31), "run now");
        release.Set();

        Assert.Equal(EtlRunStatus.Skipped, second.Status);
        Assert.Equal("another run is in progress", second.Error);
        Assert.Equal(EtlRunStatus.Succeeded, (await first).Status);
    }

    [Fact]
    public async Task Runners_of_one_folder_exclude_each_other_and_runners_of_two_folders_do_not()
    {
        using var data = new TemporaryDirectory();
        using var other = new TemporaryDirectory();
        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        Func<DateOnly, long> slow = _ =>
        {
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            return 1;
        };
        var first = new EtlRunner(data.Path, slow).RunAsync(new DateOnly(2019, 10, 30), "schedule");
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the first run never began its work"); // it holds the folder's lock while it works

        var sameFolder = await new EtlRunner(data.Path, _ => 1).RunAsync(new DateOnly(2019, 10, 31), "command line");
        var otherFolder = await new EtlRunner(other.Path, _ => 1).RunAsync(new DateOnly(2019, 10, 31), "command line");
        release.Set();
        Assert.Equal(EtlRunStatus.Succeeded, (await first).Status);
        var afterwards = await new EtlRunner(data.Path, _ => 1).RunAsync(new DateOnly(2019, 10, 31), "command line");

        Assert.Equal(EtlRunStatus.Skipped, sameFolder.Status);
        Assert.Equal(EtlRunStatus.Succeeded, otherFolder.Status);
        Assert.Equal(EtlRunStatus.Succeeded, afterwards.Status); // the lock went with the run that held it
    }

    [Fact]
    public async Task A_run_held_by_another_process_makes_this_one_skip()
    {
        using var data = new TemporaryDirectory();
        var lockFile = Path.Combine(data.Path, "etl.lock");
        File.WriteAllText(lockFile, "");
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", ["--exclusive", lockFile, "sh", "-c", "echo held; sleep 30"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        Assert.Equal("held", await holder.StandardOutput.ReadLineAsync()); // flock(1) runs the command only once it holds the lock

        var run = await new EtlRunner(data.Path, _ => 1).RunAsync(new DateOnly(2019, 10, 31), "command line");
        holder.Kill();

        Assert.Equal(EtlRunStatus.Skipped, run.Status);
    }

    [Fact]
    public void The_schedule_fires_at_its_cron_time_for_the_day_before()
    {
        var schedule = new EtlSchedule("0 2 * * *");
        var next = schedule.Next(new DateTime(2019, 11, 17, 3, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2019, 11, 18, 2, 0, 0, DateTimeKind.Utc), next);
        Assert.Equal(new DateOnly(2019, 11, 17), EtlSchedule.AsOfFor(next));
        Assert.Throws<Cronos.CronFormatException>(() => new EtlSchedule("every night"));
    }
}
