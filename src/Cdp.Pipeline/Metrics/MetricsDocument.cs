using System.Globalization;
using System.Text;
using Cdp.Rules;

namespace Cdp.Pipeline.Metrics;

/// <summary>
/// docs/metrics.md, written from the catalog: every metric with its type, unit, window, which events count and
/// how it is computed. A test keeps the file equal to what this writes, so the page never drifts from the code.
/// </summary>
public static class MetricsDocument
{
    public static string Write(ProfileCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var text = new StringBuilder();
        text.Append(
            """
            # Profile metrics

            The metrics every customer's profile holds, computed by the daily ETL as of a day D (the profiles' as-of
            day: the close of day D, UTC), and the names rules use. This page is written from the catalog
            (`src/Cdp.Pipeline/Metrics/ProfileCatalog.cs`); a test keeps it equal, so change the catalog and run
            `CDP_WRITE_DOCS=1 dotnet test tests/Cdp.Pipeline.Tests --filter MetricsDocumentTests` to write it again.
            Metrics a user declares in a catalog file (`--catalog FILE`) come after these. The web app's Metrics page
            shows the same with how each is spread over the current profiles.

            A window of N days is the N days ending with D. Events are the lake's (docs/lake.md); money is USD, the data
            set's currency. NULL is "no value": a count is never NULL (0 instead), a rate without its denominator is.

            | metric | type | unit | what it is | window | events | computed as |
            |---|---|---|---|---|---|---|

            """);
        foreach (var metric in catalog.Declarations)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| `{metric.Name}` | {metric.Type.ToDisplayName()} | {metric.Unit ?? ""} | {metric.Description} | {Window(metric)} | {Cell(metric.Filter)} | {How(metric)} |\n");
        }

        return text.ToString();
    }

    private static string Window(MetricDeclaration metric) =>
        metric.Aggregate is MetricAggregate.Ratio or MetricAggregate.Expression ? ""
        : metric.WindowDays is { } days ? $"{days} days" : "all time";

    private static string How(MetricDeclaration metric) => metric.Aggregate switch
    {
        MetricAggregate.Count => "count of events",
        MetricAggregate.DistinctCount => $"distinct `{metric.Field}`",
        MetricAggregate.SumPrice => "sum of `price`",
        MetricAggregate.Top => $"most frequent `{metric.Field}` (ties: the smallest)",
        MetricAggregate.List => $"distinct `{metric.Field}`, sorted",
        MetricAggregate.MinTime => "earliest `event_time`",
        MetricAggregate.MaxTime => "latest `event_time`",
        MetricAggregate.Ratio => $"`{metric.Numerator} / {metric.Denominator}`",
        MetricAggregate.Expression => Cell(metric.Expression),
        _ => metric.Aggregate.ToString(),
    };

    private static string Cell(string? rule) => rule is null ? "" : "`" + rule.Replace("|", "\\|", StringComparison.Ordinal) + "`";
}
