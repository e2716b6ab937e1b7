using System.Text;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;

namespace Cdp.Fuzzing;

/// <summary>
/// What one fuzz input must never do: throw, hang or break a round trip. A rule is parsed and checked
/// (mistakes are diagnostics); a valid one prints to canonical text that parses back to the same text, and
/// compiles to SQL and evaluates on an empty profile. An event line is parsed (refusals are reasons); an
/// accepted one writes back to a line that parses to the same event, in CSV and in JSON.
/// </summary>
internal static class FuzzTargets
{
    private static readonly IMetricCatalog Catalog = ProfileCatalog.Default.Catalog;
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    public static void Rule(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        var parsed = Cdp.Rules.Rule.Parse(text, Catalog);
        if (!parsed.Succeeded)
        {
            if (parsed.Diagnostics.Count == 0)
            {
                throw new InvalidOperationException("a rule that failed without a diagnostic");
            }

            return;
        }

        var canonical = parsed.Rule.ToCanonicalString();
        var again = Cdp.Rules.Rule.Parse(canonical, Catalog);
        if (!again.Succeeded || again.Rule.ToCanonicalString() != canonical)
        {
            throw new InvalidOperationException($"the canonical text does not round-trip: `{canonical}`");
        }

        _ = SqlTarget.Select(parsed.Rule, SqlDialect.PostgreSql, Clock, "profiles");
        try
        {
            _ = parsed.Rule.Evaluate(new Dictionary<string, object?>(), Clock);
        }
        catch (OverflowException)
        {
            // The contract (docs/rule-language.md, Types): an int or money result beyond its range is an
            // evaluation error on every backend, never a wrap-around. Anything else thrown is a crash.
        }
    }

    public static void EventLine(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        foreach (var line in EventFileReader.Read(new StringReader(EventCsvFormat.Header + "\n" + text), "fuzz"))
        {
            if (line.Event is { } e)
            {
                var written = new StringWriter();
                EventCsvFormat.Write(written, e);
                if (!EventCsvFormat.TryParse(written.ToString().TrimEnd('\n'), out var back, out var reason) || back != e)
                {
                    throw new InvalidOperationException($"an accepted event does not round-trip through CSV: {reason}");
                }

                if (!EventJson.TryParse(EventJson.ToUtf8(e), out var json, out reason) || json != e)
                {
                    throw new InvalidOperationException($"an accepted event does not round-trip through JSON: {reason}");
                }
            }
            else if (string.IsNullOrEmpty(line.Reason))
            {
                throw new InvalidOperationException("a refused line without a reason");
            }
        }

        _ = EventJson.TryParse(input, out _, out _);
        var batch = EventJson.ReadBatch(input, 100); // the collector's batch: never throws, and a problem or events, not both
        if (batch.BatchProblem is not null && (batch.Events.Count > 0 || batch.Refused.Count > 0))
        {
            throw new InvalidOperationException("a batch refused whole still carries events");
        }
    }
}
