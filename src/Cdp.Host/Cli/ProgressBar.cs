using System.Diagnostics;
using System.Globalization;

namespace Cdp.Host.Cli;

/// <summary>
/// A progress line on stderr: done, total, percent, rate and time left; redrawn in place on a terminal, and in
/// a log (stderr redirected, or any other writer) one whole line at every tenth, so that the log reads well.
/// </summary>
internal sealed class ProgressBar(TextWriter stderr, long total) : IProgress<long>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _inPlace = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
    private int _tenthsShown = -1;

    public void Report(long value)
    {
        var tenths = total > 0 ? (int)Math.Min(10, value * 10 / total) : 0;
        if (!_inPlace && tenths == _tenthsShown)
        {
            return;
        }

        _tenthsShown = tenths;
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var rate = value / seconds;
        var fraction = total > 0 ? Math.Min(1, (double)value / total) : 0;
        var width = 30;
        var filled = (int)(fraction * width);
        var left = rate > 0 && total > value ? TimeSpan.FromSeconds((total - value) / rate) : TimeSpan.Zero;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', width - filled)}] {value:N0}/{total:N0} {fraction:P0} {rate:N0}/s ETA {left:hh\\:mm\\:ss}");
        if (_inPlace)
        {
            stderr.Write("\r" + line + "   ");
        }
        else
        {
            stderr.WriteLine(line);
        }
    }
}
