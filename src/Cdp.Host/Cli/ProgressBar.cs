using System.Diagnostics;
using System.Globalization;

namespace Cdp.Host.Cli;

/// <summary>A progress line on stderr: done, total, percent, rate and time left; redrawn in place.</summary>
internal sealed class ProgressBar(TextWriter stderr, long total) : IProgress<long>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Report(long value)
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var rate = value / seconds;
        var fraction = total > 0 ? Math.Min(1, (double)value / total) : 0;
        var width = 30;
        var filled = (int)(fraction * width);
        var left = rate > 0 && total > value ? TimeSpan.FromSeconds((total - value) / rate) : TimeSpan.Zero;
        stderr.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', width - filled)}] {value:N0}/{total:N0} {fraction:P0} {rate:N0}/s ETA {left:hh\\:mm\\:ss}   "));
    }
}
