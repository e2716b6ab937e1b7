using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The per-day partial aggregates of the embedded store, kept up to date with the lake: one table a set of partials
/// (<see cref="PartialPlan"/>: sums, distinct values, counts by value), rows by customer and day. A day is built again
/// only when its lake files changed (their names, sizes and times: the day's signature), a day gone from the lake is
/// dropped, and a set whose definition changed or that nothing reads any more is dropped whole. The days a set lacks are
/// built in one statement and replaced in one transaction with the record of what they were built from, so a run cut off
/// anywhere leaves every kept day exact.
/// </summary>
internal sealed class PartialDays(DuckDBConnection connection)
{
    /// <summary>A set of partials: its table, what it is a partial of (when that changes every day is rebuilt), its query over some days' events.</summary>
    public sealed record Set(string Table, string Definition, Func<string, SqlQuery> Days);

    public static void CreateSchema(DuckDBConnection connection) => connection.Execute("""
        CREATE TABLE IF NOT EXISTS etl_partial_tables (partial_table VARCHAR, definition VARCHAR);
        CREATE TABLE IF NOT EXISTS etl_partial_days (partial_table VARCHAR, event_date DATE, signature VARCHAR);
        """);

    /// <summary>
    /// Brings every set up to date for the lake's days up to <paramref name="asOf"/> (<paramref name="lakeDays"/>: every
    /// day of the lake with its signature; <paramref name="dayEvents"/>: the source of some days' events) and drops what no
    /// set wants. Returns how many days were built (a day counts once however many sets it was built for).
    /// </summary>
    public int Update(IReadOnlyList<Set> sets, IReadOnlyDictionary<DateOnly, string> lakeDays, DateOnly asOf,
        Func<IReadOnlyList<DateOnly>, string> dayEvents, IProgress<string>? progress = null)
    {
        var wanted = sets.ToDictionary(s => s.Table, StringComparer.Ordinal);
        var tables = new HashSet<string>(StringComparer.Ordinal); // the tables kept: built before, for the same definition
        foreach (var (table, definition) in StoredTables())
        {
            if (wanted.TryGetValue(table, out var set) && set.Definition == definition)
            {
                tables.Add(table);
            }
            else
            {
                connection.InTransaction(() => Drop(table));
            }
        }

        var built = StoredDays();
        foreach (var set in sets)
        {
            var gone = built.Where(b => b.Key.Table == set.Table && !lakeDays.ContainsKey(b.Key.Date)).Select(b => b.Key.Date).ToList();
            if (gone.Count > 0)
            {
                connection.InTransaction(() =>
                {
                    foreach (var date in gone)
                    {
                        connection.Execute($"DELETE FROM {Quote(set.Table)} WHERE event_date = $1", date);
                        connection.Execute("DELETE FROM etl_partial_days WHERE partial_table = $1 AND event_date = $2", set.Table, date);
                    }
                });
            }
        }

        var daysBuilt = new HashSet<DateOnly>();
        foreach (var set in sets)
        {
            // Every day of the set to build, in one statement (one scan of those days' files) and one transaction.
            var stale = lakeDays.Where(d => d.Key <= asOf && built.GetValueOrDefault((set.Table, d.Key)) != d.Value).OrderBy(d => d.Key).ToList();
            if (stale.Count == 0)
            {
                continue;
            }

            progress?.Report(stale.Count == 1
                ? $"partial aggregates {stale[0].Key:yyyy-MM-dd} ({set.Table})"
                : $"partial aggregates {stale[0].Key:yyyy-MM-dd} to {stale[^1].Key:yyyy-MM-dd}, {stale.Count} days ({set.Table})");
            var query = set.Days(dayEvents([.. stale.Select(d => d.Key)]));
            var arguments = query.Parameters.Select(p => p.Value).ToList();
            var days = string.Join(", ", stale.Select(d => DayPartialQuery.Day(d.Key)));
            connection.InTransaction(() =>
            {
                if (tables.Contains(set.Table))
                {
                    connection.Execute($"DELETE FROM {Quote(set.Table)} WHERE event_date IN ({days})");
                    connection.Execute($"INSERT INTO {Quote(set.Table)} {query.Text}", arguments);
                }
                else
                {
                    connection.Execute($"CREATE TABLE {Quote(set.Table)} AS {query.Text}", arguments);
                    connection.Execute("INSERT INTO etl_partial_tables VALUES ($1, $2)", set.Table, set.Definition);
                }

                connection.Execute($"DELETE FROM etl_partial_days WHERE partial_table = $1 AND event_date IN ({days})", set.Table);
                foreach (var (date, signature) in stale)
                {
                    connection.Execute("INSERT INTO etl_partial_days VALUES ($1, $2, $3)", set.Table, date, signature);
                }
            });
            tables.Add(set.Table);
            daysBuilt.UnionWith(stale.Select(d => d.Key));
        }

        return daysBuilt.Count;
    }

    /// <summary>
    /// What profiles combined as of <paramref name="asOf"/> by a plan came from: the day, then the SHA-256 of the plan's
    /// text and of every partial day up to it with the signature it was built from. Equal digests: the same plan over the
    /// same partials.
    /// </summary>
    public string Digest(string plan, DateOnly asOf)
    {
        var days = connection.Rows(
            "SELECT partial_table || ' ' || strftime(event_date, '%Y-%m-%d') || ' ' || signature FROM etl_partial_days WHERE event_date <= $1 ORDER BY partial_table, event_date",
            reader => reader.GetString(0), asOf);
        var text = string.Join('\n', [plan, .. days]);
        return asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A partial table's name in SQL.</summary>
    public static string Quote(string table) => SqlDialect.DuckDb.QuoteIdentifier(table);

    private void Drop(string table)
    {
        connection.Execute($"DROP TABLE IF EXISTS {Quote(table)}");
        connection.Execute("DELETE FROM etl_partial_tables WHERE partial_table = $1", table);
        connection.Execute("DELETE FROM etl_partial_days WHERE partial_table = $1", table);
    }

    private List<(string Table, string Definition)> StoredTables() =>
        connection.Rows("SELECT partial_table, definition FROM etl_partial_tables", reader => (reader.GetString(0), reader.GetString(1)));

    private Dictionary<(string Table, DateOnly Date), string> StoredDays() =>
        connection.Rows("SELECT partial_table, event_date, signature FROM etl_partial_days",
            reader => (Key: (reader.GetString(0), reader.GetFieldValue<DateOnly>(1)), Signature: reader.GetString(2)))
            .ToDictionary(d => d.Key, d => d.Signature);
}
