using System.Globalization;
using System.Text;

namespace Cdp.Benchmarks.Suite;

/// <summary>The suite's results as Markdown (ratios to the hand-written loop) and an SVG chart of ns/profile by backend.</summary>
public static class SuiteReport
{
    public static string Markdown(IReadOnlyDictionary<int, (IReadOnlyList<BackendSuite.Measurement> Results, double Bandwidth)> sizes,
        (double OursCold, double DynamicCold, double OursWarm, double DynamicWarm) cold, string machine, string command)
    {
        var text = new StringBuilder();
        text.AppendLine("# Evaluation backends side by side");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`. Machine: {machine}.");
        text.AppendLine();
        text.AppendLine("The same generated profiles (seed 42; ints, numbers with NULLs, money with two places, a bool, texts with");
        text.AppendLine("NULLs) and five rules, each backend counting the members; every count was checked equal to the hand-written");
        text.AppendLine("loop's before timing. Time: median of repeated runs in one process, after a warm-up of 40 runs or 2 s. Ratio: to the hand-written C# loop over");
        text.AppendLine("objects for the same rule (lower is faster). Floor: a single-thread sum over a long[] of as many rows.");
        text.AppendLine();
        text.AppendLine("![ns per profile by backend and rule, at the largest size](backends.svg)");
        text.AppendLine();
        text.AppendLine("| rule | text |");
        text.AppendLine("|---|---|");
        foreach (var rule in SuiteRule.All)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {rule.Name} | `{rule.Text}` |");
        }

        foreach (var (rows, (results, bandwidth)) in sizes.OrderBy(s => s.Key))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"## {rows:N0} profiles (floor: {bandwidth:F2} ns/profile)");
            text.AppendLine();
            text.AppendLine("| backend | " + string.Join(" | ", SuiteRule.All.Select(r => r.Name + " ns/profile (ratio)")) + " |");
            text.AppendLine("|---|" + string.Concat(SuiteRule.All.Select(_ => "---:|")));
            foreach (var backend in results.Select(r => r.Backend).Distinct())
            {
                var cells = SuiteRule.All.Select(rule =>
                {
                    var m = results.Single(r => r.Rule == rule.Name && r.Backend == backend);
                    if (double.IsNaN(m.Milliseconds))
                    {
                        return "—";
                    }

                    var baseline = results.Single(r => r.Rule == rule.Name && r.Backend == "hand-written C# loop").Milliseconds;
                    return string.Create(CultureInfo.InvariantCulture, $"{Format(m.NanosecondsPerProfile)} ({m.Milliseconds / baseline:F2}){(m.Note is null ? "" : "*")}");
                });
                text.AppendLine($"| {backend} | {string.Join(" | ", cells)} |");
            }

            foreach (var note in results.Where(r => r.Note is not null).Select(r => $"{r.Backend}: {r.Note}").Distinct())
            {
                text.AppendLine();
                text.AppendLine($"\\* {note}.");
            }
        }

        text.AppendLine();
        text.AppendLine("## The first rule");
        text.AppendLine();
        text.AppendLine("Parse + check + compile to a delegate + one evaluation of the card's rule: cold is the first call in a fresh");
        text.AppendLine("process (median of 5 processes; assemblies load and code is jitted on the way), warm the median of 200 calls.");
        text.AppendLine();
        text.AppendLine("| | cold | warm | goal |");
        text.AppendLine("|---|---:|---:|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Cdp.Rules | {cold.OursCold:F1} ms | {cold.OursWarm:F3} ms | cold under 20 ms, warm under 0.25 ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| System.Linq.Dynamic.Core | {cold.DynamicCold:F1} ms | {cold.DynamicWarm:F3} ms | |");
        return text.ToString();
    }

    /// <summary>Horizontal bars, one group a rule, ns/profile on a log scale, at one size.</summary>
    public static string Chart(IReadOnlyList<BackendSuite.Measurement> results, int rows)
    {
        var backends = results.Select(r => r.Backend).Distinct().ToList();
        string[] colors = ["#667085", "#2f6fed", "#12b76a", "#7a2fd0", "#b54708", "#f79009", "#d92d20", "#0e9384", "#c11574"];
        const int Left = 110, BarHeight = 9, Width = 900;
        var groupHeight = backends.Count * BarHeight + 14;
        var height = 60 + SuiteRule.All.Count * groupHeight + backends.Count * 16;
        var values = results.Where(r => !double.IsNaN(r.NanosecondsPerProfile)).Select(r => r.NanosecondsPerProfile).ToList();
        var (low, high) = (Math.Floor(Math.Log10(values.Min())), Math.Ceiling(Math.Log10(values.Max())));
        double X(double ns) => Left + (Math.Log10(ns) - low) / (high - low) * (Width - Left - 20);
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"13\">ns per profile, {rows:N0} profiles (log scale; shorter is faster)</text>");
        for (var power = low; power <= high; power++)
        {
            var x = X(Math.Pow(10, power));
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{x:F1}\" x2=\"{x:F1}\" y1=\"28\" y2=\"{40 + SuiteRule.All.Count * groupHeight}\" stroke=\"#e4e7ec\"/><text x=\"{x:F1}\" y=\"38\" text-anchor=\"middle\" fill=\"#667085\">{Math.Pow(10, power).ToString("G", CultureInfo.InvariantCulture)}</text>");
        }

        var y = 46;
        foreach (var rule in SuiteRule.All)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{y + groupHeight / 2}\">{rule.Name}</text>");
            for (var b = 0; b < backends.Count; b++)
            {
                var m = results.Single(r => r.Rule == rule.Name && r.Backend == backends[b]);
                if (!double.IsNaN(m.NanosecondsPerProfile))
                {
                    svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{y + b * BarHeight}\" width=\"{Math.Max(1, X(m.NanosecondsPerProfile) - Left):F1}\" height=\"{BarHeight - 1}\" fill=\"{colors[b % colors.Length]}\"><title>{Escape(backends[b])}: {Format(m.NanosecondsPerProfile)} ns</title></rect>");
                }
            }

            y += groupHeight;
        }

        for (var b = 0; b < backends.Count; b++)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{y + b * 16}\" width=\"10\" height=\"10\" fill=\"{colors[b % colors.Length]}\"/><text x=\"{Left + 16}\" y=\"{y + b * 16 + 9}\">{Escape(backends[b])}</text>");
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Format(double ns) => ns >= 100 ? ns.ToString("N0", CultureInfo.InvariantCulture) : ns.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
