using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Cdp.Rules;
using Cdp.Testing;
using DuckDB.NET.Data;
using Npgsql;

namespace Cdp.Benchmarks;

/// <summary>
/// The text rule's cost on the SQL engines (issue "Performance, round two", item 3): for each engine, the count of
/// <c>lower(brand) = 'apple'</c> with the engine's own (Unicode) lower, the old exact spelling (translate), and the
/// spelling the targets generate now, over the same generated texts (ASCII with a share of non-ASCII brands), in
/// one run; the ratios are against the engine's native lower. Every spelling's count is checked against the
/// reference evaluator's before it is timed (the native one may differ on non-ASCII letters: that is why it is
/// not the language's lower).
/// </summary>
internal static class TextLowerCost
{
    private static readonly string[] Ascii = ["Apple", "apple", "APPLE", "Samsung", "xiaomi", "Huawei", "LG", "Bosch", "samsung", "lenovo"];
    private static readonly string[] Mixed = [.. Ascii, "münchen", "MÜNCHEN", "İstanbul", "ÄPFEL", "straße"];

    /// <summary>Both data sets: brands as the REES46 data set has them (ASCII), and a third of them non-ASCII.</summary>
    public static void Run(int rows, TextWriter log)
    {
        Run(rows, Ascii, "ASCII brands (as in the REES46 data set)", log);
        Run(rows, Mixed, "a third of the brands not ASCII", log);
    }

    private static void Run(int rows, string[] brands, string title, TextWriter log)
    {
        var random = new Random(42);
        var texts = Enumerable.Range(0, rows).Select(_ => brands[random.Next(brands.Length)] + (random.Next(4) == 0 ? " Store" : "")).ToArray();
        var rule = Rule.Parse("lower(brand) = 'apple'", new MetricCatalog([new("brand", MetricType.Text, "a brand")])).Rule!;
        var expected = texts.LongCount(t => rule.Evaluate(new Dictionary<string, object?> { ["brand"] = t }, RuleClock.AsOfDate(new DateOnly(2019, 10, 31))) == TruthValue.True);
        var translate = $"translate(brand, '{Cdp.Rules.Runtime.RuleSemantics.AsciiUpper}', '{Cdp.Rules.Runtime.RuleSemantics.AsciiLower}') = 'apple'";
        log.WriteLine();
        log.WriteLine($"text-lower: {title}: {rows:N0} texts, {expected:N0} members by the reference");
        log.WriteLine();
        log.WriteLine("| engine | spelling | count | median ms | ratio to native lower |");
        log.WriteLine("|---|---|---:|---:|---:|");

        using (var duck = new DuckDBConnection("DataSource=:memory:"))
        {
            duck.Open();
            Execute(duck, "CREATE TABLE p (brand VARCHAR)");
            using (var appender = duck.CreateAppender("p"))
            {
                foreach (var text in texts)
                {
                    appender.CreateRow().AppendValue(text).EndRow();
                }
            }

            Report(log, "DuckDB", expected, sql => Count(duck, sql), "lower(brand) = 'apple'", translate, Generated(rule, SqlDialect.DuckDb));
        }

        using var server = new PostgresServer();
        using var pg = new NpgsqlConnection(server.ConnectionString);
        pg.Open();
        Execute(pg, "CREATE TABLE p (brand TEXT)");
        using (var writer = pg.BeginTextImport("COPY p (brand) FROM STDIN"))
        {
            foreach (var text in texts)
            {
                writer.Write(text + "\n");
            }
        }

        Execute(pg, "ANALYZE p");
        Report(log, "PostgreSQL", expected, sql => Count(pg, sql), "lower(brand) = 'apple'", translate, Generated(rule, SqlDialect.PostgreSql));
    }

    /// <summary>The condition the target generates, with its one parameter ('apple') inlined for timing.</summary>
    private static string Generated(Rule rule, SqlDialect dialect)
    {
        var query = SqlTarget.Condition(rule, dialect, RuleClock.AsOfDate(new DateOnly(2019, 10, 31)));
        return query.Text.Replace("CAST($1 AS VARCHAR)", "'apple'", StringComparison.Ordinal).Replace("CAST($1 AS TEXT)", "'apple'", StringComparison.Ordinal);
    }

    private static void Report(TextWriter log, string engine, long expected, Func<string, long> count, string native, string translate, string generated)
    {
        var nativeMs = Time(() => count(native));
        foreach (var (name, sql) in new[] { ("native lower (not the language's)", native), ("translate (before)", translate), ("generated (now)", generated) })
        {
            var members = count(sql);
            if (sql != native && members != expected)
            {
                throw new InvalidOperationException($"{engine} {name} counts {members}, the reference {expected}: {sql}");
            }

            var ms = sql == native ? nativeMs : Time(() => count(sql));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {engine} | {name}: `{sql}` | {members:N0} | {ms:F1} | {ms / nativeMs:F2} |"));
        }
    }

    private static double Time(Func<long> work)
    {
        work();
        var times = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var clock = Stopwatch.StartNew();
            work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static long Count(DbConnection connection, string condition)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM p WHERE {condition}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
