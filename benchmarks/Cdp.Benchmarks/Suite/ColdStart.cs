using System.Diagnostics;
using System.Globalization;
using System.Linq.Dynamic.Core;
using Cdp.Rules;

namespace Cdp.Benchmarks.Suite;

/// <summary>
/// The first rule in a fresh process (assemblies loaded and code jitted on first use), and the same steps warm:
/// parse + check + compile to a delegate + one evaluation, ours and System.Linq.Dynamic.Core's.
/// </summary>
public static class ColdStart
{
    private static readonly string Card = SuiteRule.All[0].Text;

    /// <summary>Runs inside the fresh process: prints the milliseconds of the first rule.</summary>
    public static void Probe(string which, TextWriter output)
    {
        var profile = SuiteProfile.Generate(1)[0];
        var clock = Stopwatch.StartNew();
        var result = which == "dynamic" ? Dynamic(profile) : Ours(profile);
        clock.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalMilliseconds:F3} {result}"));
    }

    /// <summary>Cold: the median of fresh processes; warm: the median of repeated runs in this one.</summary>
    public static (double OursCold, double DynamicCold, double OursWarm, double DynamicWarm) Measure(int processes)
    {
        var profile = SuiteProfile.Generate(1)[0];
        double Warm(Func<SuiteProfile, bool> step)
        {
            for (var i = 0; i < 50; i++)
            {
                step(profile);
            }

            return BackendSuite.Median(Enumerable.Range(0, 200).Select(_ => { var c = Stopwatch.StartNew(); step(profile); return c.Elapsed.TotalMilliseconds; }));
        }

        return (Cold("ours", processes), Cold("dynamic", processes), Warm(Ours), Warm(Dynamic));
    }

    private static bool Ours(SuiteProfile profile) =>
        LinqTarget.Compile<SuiteProfile>(Rule.Parse(Card, Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog).Rule!, RuleClock.AsOfDate(new DateOnly(2019, 10, 31))).GetOutputOrThrow()(profile);

    private static bool Dynamic(SuiteProfile profile) =>
        DynamicExpressionParser.ParseLambda<SuiteProfile, bool>(ParsingConfig.Default, false, SuiteRule.All[0].DynamicLinq).Compile()(profile);

    private static double Cold(string which, int processes)
    {
        var times = new List<double>();
        for (var i = 0; i < processes; i++)
        {
            var start = new ProcessStartInfo("dotnet", [typeof(ColdStart).Assembly.Location, "cold-probe", which]) { RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            var line = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            times.Add(double.Parse(line.Split(' ')[0], CultureInfo.InvariantCulture));
        }

        return BackendSuite.Median(times);
    }
}
