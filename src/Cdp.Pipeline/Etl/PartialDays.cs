using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The per-day partial aggregates of the embedded store, kept up to date with the lake: one table a set of partials (the
/// catalog's, and one a v2 aggregate), one row a customer and day. A day is built again only when its lake files changed
/// (their names, sizes and times: the day's signature), a day gone from the lake is dropped, and a set whose definition
/// changed (another catalog) or that nothing reads any more is dropped whole. Each day of each set is replaced in one
/// transaction with the record of what it was built from, so a run cut off anywhere leaves every kept day exact.
/// </summary>
internal sealed class PartialDays(DuckDBConnection connection)
{
    /// <summary>The catalog's partials.</summary>
    public const string CatalogTable = "partial_catalog";

    /// <summary>A set of partials: its table, what it is a partial of (when that changes every day is rebuilt), its query for one day's events.</summary>
    public sealed record Set(string Table, string Definition, Func<string, DateOnly, SqlQuery> Day);

    /// <summary>The table of a v2 aggregate's partials (its stable name is <c>agg_</c> and hex digits).</summary>
    public static string AggregateTable(DerivedMetric derived) => "partial_" + derived.Name;

    public static void CreateSchema(DuckDBConnection connection) => connection.Execute("""
        CREATE TABLE IF NOT EXISTS etl_partial_tables (partial_table VARCHAR, definition VARCHAR);
        CREATE TABLE IF NOT EXISTS etl_partial_days (partial_table VARCHAR, event_date DATE, signature VARCHAR);
        """);

    /// <summary>
    /// Brings every set up to date for the lake's days up to <paramref name="asOf"/> (<paramref name="lakeDays"/>: every
    /// day of the lake with its signature; <paramref name="dayEvents"/>: the source of one day's events) and drops what no
    /// set wants. Returns how many days were built (a day counts once however many sets it was built for).
    /// </summary>
    public int Update(IReadOnlyList<Set> sets, IReadOnlyDictionary<DateOnly, string> lakeDays, DateOnly asOf,
        Func<DateOnly, string> dayEvents, IProgress<string>? progress = null)
    {
        var wanted = sets.ToDictionary(s => s.Table, StringComparer.Ordinal);
        foreach (var (table, definition) in StoredTables())
        {
            if (!wanted.TryGetValue(table, out var set) || set.Definition != definition)
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

        var tables = StoredTables().Keys.ToHashSet(StringComparer.Ordinal);
        var daysBuilt = 0;
        foreach (var (date, signature) in lakeDays.Where(d => d.Key <= asOf).OrderBy(d => d.Key))
        {
            var stale = sets.Where(s => built.GetValueOrDefault((s.Table, date)) != signature).ToList();
            if (stale.Count == 0)
            {
                continue;
            }

            progress?.Report($"partial aggregates {date:yyyy-MM-dd}");
            connection.InTransaction(() =>
            {
                foreach (var set in stale)
                {
                    var query = set.Day(dayEvents(date), date);
                    var arguments = query.Parameters.Select(p => p.Value);
                    if (tables.Contains(set.Table))
                    {
                        connection.Execute($"DELETE FROM {Quote(set.Table)} WHERE event_date = $1", date);
                        connection.Execute($"INSERT INTO {Quote(set.Table)} {query.Text}", arguments);
                    }
                    else
                    {
                        connection.Execute($"CREATE TABLE {Quote(set.Table)} AS {query.Text}", arguments);
                        connection.Execute("INSERT INTO etl_partial_tables VALUES ($1, $2)", set.Table, set.Definition);
                    }

                    connection.Execute("DELETE FROM etl_partial_days WHERE partial_table = $1 AND event_date = $2", set.Table, date);
                    connection.Execute("INSERT INTO etl_partial_days VALUES ($1, $2, $3)", set.Table, date, signature);
                }
            });
            tables.UnionWith(stale.Select(s => s.Table));
            daysBuilt++;
        }

        return daysBuilt;
    }

    /// <summary>A partial table's name in SQL.</summary>
    public static string Quote(string table) => SqlDialect.DuckDb.QuoteIdentifier(table);

    private void Drop(string table)
    {
        connection.Execute($"DROP TABLE IF EXISTS {Quote(table)}");
        connection.Execute("DELETE FROM etl_partial_tables WHERE partial_table = $1", table);
        connection.Execute("DELETE FROM etl_partial_days WHERE partial_table = $1", table);
    }

    private Dictionary<string, string> StoredTables()
    {
        using var command = connection.Command("SELECT partial_table, definition FROM etl_partial_tables");
        using var reader = command.ExecuteReader();
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            tables[reader.GetString(0)] = reader.GetString(1);
        }

        return tables;
    }

    private Dictionary<(string Table, DateOnly Date), string> StoredDays()
    {
        using var command = connection.Command("SELECT partial_table, event_date, signature FROM etl_partial_days");
        using var reader = command.ExecuteReader();
        var days = new Dictionary<(string, DateOnly), string>();
        while (reader.Read())
        {
            days[(reader.GetString(0), reader.GetFieldValue<DateOnly>(1))] = reader.GetString(2);
        }

        return days;
    }
}
