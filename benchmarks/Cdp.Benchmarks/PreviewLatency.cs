using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cdp.Host.Security;
using Cdp.Host.Web;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Ingest;
using Cdp.Pipeline.Store;
using Cdp.Pipeline.Events;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using DuckDB.NET.Data;
using Cdp.Host.Services;

namespace Cdp.Benchmarks;

/// <summary>
/// The editor's live audience preview over 1,000,000 profiles in the embedded store, as a marketer types:
/// every prefix of five rules sent to <c>POST /api/segments/preview</c> on the real web host (HTTP on
/// loopback, signed in with an API key), one request a keystroke with no debounce (the worst case), three
/// passes. Baseline in the same run: the same counts by the store's own SQL (DuckDB, <c>count(*)</c> with the
/// rule compiled by the DuckDB target), which must agree with the preview on every valid prefix.
/// <c>dotnet run -c Release --project benchmarks/Cdp.Benchmarks -- preview [PROFILES]</c>
/// </summary>
public static class PreviewLatency
{
    public static readonly string[] Rules =
    [
        "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)",
        "NOT (is_buyer OR views_30d < 5) AND NOT (cart_rate < 0.05)",
        "lower(top_category_30d) STARTS WITH 'electronics' AND top_brand_30d != 'samsung'",
        "top_brand_30d IN ('apple', 'xiaomi', 'huawei', 'lenovo', 'sony') AND purchases_30d >= 1",
        "spend_30d - spend_7d > 2 * coalesce(avg_order_value, 0) OR days_since_last_event * 2 < sessions_30d",
    ];

    /// <summary>
    /// v2 rules whose aggregates the last ETL run computed (they are saved as segments before it runs, so the profiles
    /// hold their columns): a preview reads those columns as it reads metrics.
    /// </summary>
    public static readonly string[] AggregateRules =
    [
        "count(purchases WHERE brand = 'apple' IN LAST 30d) >= 1 AND sessions_30d > 2",
        "sum(price OF purchases IN LAST 7d) > 50 OR count(DISTINCT user_session OF events IN LAST 7d) > 3",
    ];

    public static async Task RunAsync(int profiles, TextWriter report)
    {
        var work = Path.Combine(Path.GetTempPath(), "cdp-preview-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(work, "data");
        try
        {
            var source = await PrepareAsync(data, profiles, AggregateRules);
            var app = WebHost.Build(["--urls", "http://127.0.0.1:0", "--data", data], options => options.AdminPassword = "benchmark-admin-password", TextWriter.Null);
            await app.StartAsync();
            try
            {
                var users = app.Services.GetRequiredService<UserStore>();
                using var http = new HttpClient { BaseAddress = new Uri(WebHost.Addresses(app)[0]) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", users.CreateApiKey("admin"));
                var load = Stopwatch.StartNew();
                var snapshot = app.Services.GetRequiredService<ProfileWorkspace>().Snapshot;
                load.Stop();

                var prefixes = Rules.Concat(AggregateRules).SelectMany(rule => Enumerable.Range(1, rule.Length).Select(n => rule[..n])).ToList();
                await PreviewAsync(http, prefixes.Take(50)); // warm-up: JIT and connection
                var valid = new List<double>();
                var byPrefix = new Dictionary<string, List<double>>(StringComparer.Ordinal);
                var invalid = new List<double>();
                var counts = new Dictionary<string, long>(StringComparer.Ordinal);
                for (var pass = 0; pass < 3; pass++)
                {
                    foreach (var (prefix, milliseconds, count) in await PreviewAsync(http, prefixes))
                    {
                        (count is null ? invalid : valid).Add(milliseconds);
                        if (count is { } c)
                        {
                            counts[prefix] = c;
                            (byPrefix.TryGetValue(prefix, out var times) ? times : byPrefix[prefix] = []).Add(milliseconds);
                        }
                    }
                }

                var baseline = Baseline(data, counts, snapshot.Catalog);
                var inProcess = Rules.Concat(AggregateRules).Select(text =>
                {
                    var parsed = Rule.Parse(text, snapshot.Catalog).Rule!;
                    var times = Enumerable.Range(0, 5).Select(_ =>
                    {
                        var timer = Stopwatch.StartNew();
                        ColumnarTarget.Evaluate(parsed, snapshot.Clock, snapshot.Table);
                        return timer.Elapsed.TotalMilliseconds;
                    }).ToList();
                    return (text, Percentile(times, 0.5));
                }).ToList();
                Write(report, profiles, source, load.Elapsed, snapshot.Table.RowCount, prefixes.Count, valid, invalid, baseline);
                report.WriteLine();
                report.WriteLine("| whole rule, columnar evaluation in process (no HTTP, median of 5) | ms |");
                report.WriteLine("|---|---:|");
                foreach (var (text, median) in inProcess)
                {
                    report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{text}` | {median:F2} |"));
                }

                report.WriteLine();
                report.WriteLine("| counted prefix (median of 3 passes) | ms |");
                report.WriteLine("|---|---:|");
                foreach (var (prefix, times) in byPrefix.OrderByDescending(p => Percentile(p.Value, 0.5)))
                {
                    report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{prefix.Replace("|", "\\|", StringComparison.Ordinal)}` | {Percentile(times, 0.5):F2} |"));
                }
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>A generated month through ingest and the ETL, then its profiles repeated with shifted user_ids up to the count asked for.</summary>
    internal static async Task<long> PrepareAsync(string data, int profiles, IReadOnlyList<string>? segments = null)
    {
        var input = Path.Combine(Path.GetDirectoryName(data)!, "events.csv");
        Directory.CreateDirectory(data);
        using (var file = new StreamWriter(input))
        {
            new EventGenerator(new GeneratorOptions(2_000_000, 100_000, 31, new DateOnly(2019, 10, 1), 1)).Write(file);
        }

        await EmbeddedIngest.RunAsync(input, data);
        File.Delete(input);
        long computed;
        using (var etl = EmbeddedStore.Open(data, ProfileCatalog.Default))
        {
            foreach (var (rule, i) in (segments ?? []).Select((r, i) => (r, i)))
            {
                etl.Segments.Save($"aggregates_{i + 1}", rule, "", "benchmark");
            }

            computed = new DuckDbEtl(etl).Run(new DateOnly(2019, 10, 31)).Profiles;
        }

        using var connection = new DuckDBConnection($"DataSource={Path.Combine(data, "profiles.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        var copies = (profiles + computed - 1) / computed;
        command.CommandText = $"""
            CREATE OR REPLACE TABLE profiles AS
            SELECT * REPLACE (user_id + copy.range * 10000000000 AS user_id) FROM profiles, range({copies}) copy
            ORDER BY user_id LIMIT {profiles}
            """;
        command.ExecuteNonQuery();
        return computed;
    }

    private static async Task<List<(string Prefix, double Milliseconds, long? Count)>> PreviewAsync(HttpClient http, IEnumerable<string> prefixes)
    {
        var results = new List<(string, double, long?)>();
        foreach (var prefix in prefixes)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsJsonAsync("/api/segments/preview", new { rule = prefix });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            clock.Stop();
            response.EnsureSuccessStatusCode();
            var count = body.GetProperty("count");
            results.Add((prefix, clock.Elapsed.TotalMilliseconds, count.ValueKind == JsonValueKind.Null ? null : count.GetInt64()));
        }

        return results;
    }

    /// <summary>The same counts by DuckDB over the store's table; every one must equal the preview's.</summary>
    private static List<double> Baseline(string data, Dictionary<string, long> counts, IMetricCatalog catalog)
    {
        using var connection = new DuckDBConnection($"DataSource={Path.Combine(data, "profiles.duckdb")}");
        connection.Open();
        var clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
        var times = new List<double>();
        foreach (var (prefix, expected) in counts)
        {
            var rule = Rule.Parse(prefix, catalog).Rule!;
            var condition = SqlTarget.Condition(rule, SqlDialect.DuckDb, clock);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM profiles WHERE {condition.Text}";
            foreach (var parameter in condition.Parameters)
            {
                command.Parameters.Add(new DuckDBParameter(parameter.Value ?? DBNull.Value));
            }

            var timer = Stopwatch.StartNew();
            var count = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            timer.Stop();
            times.Add(timer.Elapsed.TotalMilliseconds);
            if (count != expected)
            {
                throw new InvalidOperationException($"the preview counted {expected} for `{prefix}`, DuckDB {count}");
            }
        }

        return times;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static void Write(TextWriter report, int profiles, long computed, TimeSpan load, int rows, int prefixes, List<double> valid, List<double> invalid, List<double> baseline)
    {
        var all = valid.Concat(invalid).ToList();
        string Row(string what, List<double> times) => string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {times.Count:N0} | {Percentile(times, 0.5):F2} | {Percentile(times, 0.95):F2} | {Percentile(times, 0.99):F2} | {times.Max():F2} |");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"profiles in the store: {rows:N0} ({computed:N0} computed by the ETL from 2,000,000 generated events, repeated with shifted user_ids to {profiles:N0})");
        text.AppendLine(CultureInfo.InvariantCulture, $"audience snapshot load (store -> columns, once after each ETL run): {load.TotalSeconds:F2} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"{prefixes} keystrokes (every prefix of {Rules.Length} v1 rules and {AggregateRules.Length} v2 rules whose aggregates the ETL computed) x 3 passes, one request each, no debounce");
        text.AppendLine();
        text.AppendLine("| requests | n | p50 ms | p95 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(Row("preview, all keystrokes (HTTP, columnar)", all));
        text.AppendLine(Row("preview, prefixes that check (counted)", valid));
        text.AppendLine(Row("preview, prefixes with mistakes (diagnostics only)", invalid));
        text.AppendLine(Row("baseline: DuckDB count(*) on the store, same valid prefixes (in process, no HTTP)", baseline));
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"p95 of counted previews / p95 of the DuckDB baseline: {Percentile(valid, 0.95) / Percentile(baseline, 0.95):F2}; goal p95 < 150 ms: {(Percentile(all, 0.95) < 150 ? "met" : "NOT met")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"counted previews p95 {Percentile(valid, 0.95):F2} ms; goal (performance round two, item 2) under 100 ms: {(Percentile(valid, 0.95) < 100 ? "met" : "NOT met")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"every counted prefix ({baseline.Count:N0} distinct) gave the same count by DuckDB");
        report.Write(text.ToString());
    }
}
