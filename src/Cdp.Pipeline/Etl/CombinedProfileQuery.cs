using System.Text;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using Cdp.Rules.Syntax;
using static Cdp.Pipeline.Etl.PartialPlan;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// The profiles as of D combined from the partial aggregates of a <see cref="PartialPlan"/> instead of the events: the
/// same columns, types and values as <see cref="ProfileQuery"/> over the lake. Sums add up over the window's days; a
/// distinct count counts the values whose latest day up to D is in the window (a value is in the window exactly when its
/// latest day is); a top value adds up the window's counts by value. The aggregates that do not combine from days are
/// computed from the events of the days their windows can reach.
/// </summary>
internal static class CombinedProfileQuery
{
    /// <param name="fromEvents">The aggregates computed from the events of <paramref name="eventsSource"/> (every day of the lake).</param>
    /// <param name="previous">
    /// The as-of day of the stored <c>profiles</c>, when they were combined by the same plan from the same partials up to
    /// that day: then only the customers whose values can have changed since are combined (those with an event on a day
    /// after it, or on a day that has left one of the windows), and every other customer's values are the stored ones.
    /// </param>
    /// <param name="narrowTo">
    /// When given, the profiles hold only these metrics and aggregates (with every customer): the columns segments read, on
    /// a day of a backfill whose profiles are not kept. Every partial table nothing of them reads is left unread. Not with
    /// <paramref name="previous"/>.
    /// </param>
    public static SqlQuery Build(ProfileCatalog catalog, DateOnly asOf, PartialPlan plan,
        IReadOnlyList<(DerivedMetric Derived, AggregateNode Node)> fromEvents, string eventsSource, DateOnly? previous = null,
        IReadOnlySet<string>? narrowTo = null)
    {
        if (narrowTo is not null && previous is not null)
        {
            throw new ArgumentException("profiles narrowed to some columns are combined whole, never slid from stored ones", nameof(narrowTo));
        }

        bool Wanted(string name) => narrowTo is null || narrowTo.Contains(name);
        var readersWanted = plan.Readers.Where(r => Wanted(r.Name)).ToList();
        fromEvents = [.. fromEvents.Where(a => Wanted(a.Derived.Name))];
        var dialect = SqlDialect.DuckDb;
        var clock = RuleClock.AsOfDate(asOf);
        var parameters = new List<SqlParameter>();
        var upTo = $"event_date <= {DayPartialQuery.Day(asOf)}";
        string Q(string name) => dialect.QuoteIdentifier(name);
        string Window(Reader reader, string day = "event_date") => reader.FirstDay(asOf) is { } first ? $"{day} >= {DayPartialQuery.Day(first)}" : "TRUE";

        var ctes = new List<string>();
        var values = new List<string>(); // base's columns, by metric
        var names = new List<string>();
        var joins = new StringBuilder();
        var only = "";
        if (previous is { } before)
        {
            ctes.Add($"affected AS (SELECT DISTINCT user_id FROM {PartialDays.Quote(plan.CatalogSums)} WHERE {Changed(plan, before, asOf)})");
            only = " AND user_id IN (SELECT user_id FROM affected)";
        }

        // The sums tables: the catalog's defines the customers; each other is joined on.
        foreach (var (table, i) in plan.SumTables.Select((t, i) => (t, i)))
        {
            var readers = readersWanted.Where(r => r.Table == table.Table).ToList();
            if (readers.Count == 0 && table.Table != plan.CatalogSums)
            {
                continue;
            }

            if (previous is { } since && readers.All(r => Slides(r, since, asOf)))
            {
                // The stored values changed by the rows of the days that entered or left each window (all of them are in
                // the changed days, so the table's customers are the affected ones).
                var changes = readers.Select((r, j) => $"{SumChange(r, since, asOf)} AS r{j}");
                ctes.Add($"sums{i} AS (SELECT user_id, {string.Join(", ", changes)} FROM {PartialDays.Quote(table.Table)} WHERE {upTo} AND ({Changed(plan, since, asOf)}) GROUP BY user_id)");
                values.AddRange(readers.Select((r, j) => $"{SlidSum(r, $"sums{i}.r{j}")} AS {Q(r.Name)}"));
                names.AddRange(readers.Select(r => Q(r.Name)));
                if (table.Table != plan.CatalogSums)
                {
                    joins.Append($" LEFT JOIN sums{i} USING (user_id)");
                }

                continue;
            }

            var columns = readers.Select((r, j) => $"{SumValue(r, Window(r))} AS r{j}");
            ctes.Add($"sums{i} AS (SELECT {string.Join(", ", ["user_id", .. columns])} FROM {PartialDays.Quote(table.Table)} WHERE {upTo}{only} GROUP BY user_id)");
            values.AddRange(readers.Select((r, j) => $"{OrNone(r, $"sums{i}.r{j}")} AS {Q(r.Name)}"));
            names.AddRange(readers.Select(r => Q(r.Name)));
            if (table.Table != plan.CatalogSums)
            {
                joins.Append($" LEFT JOIN sums{i} USING (user_id)");
            }
        }

        foreach (var (set, i) in plan.ValueSets.Select((s, i) => (s, i)))
        {
            var readers = readersWanted.Where(r => r.Table == set.Table).ToList();
            if (readers.Count == 0)
            {
                continue;
            }

            if (previous is { } since)
            {
                // Only what entered or left the windows since the stored profiles' day is read, and added to their values.
                ctes.AddRange(SlidingValues(set, i, readers, since, asOf));
                values.AddRange(readers.Select((r, j) => $"{SlidValue(r, j, $"slide{i}")} AS {Q(r.Name)}"));
                names.AddRange(readers.Select(r => Q(r.Name)));
                joins.Append($" LEFT JOIN slide{i} USING (user_id)");
                continue;
            }

            var columns = readers.Select((r, j) => r.Kind == ReadKind.List
                ? $"list_sort(list(v) FILTER (WHERE {Window(r, "latest")})) AS r{j}"
                : $"count(*) FILTER (WHERE {Window(r, "latest")}) AS r{j}");
            ctes.Add($"values{i} AS (SELECT user_id, {string.Join(", ", columns)} FROM (SELECT user_id, v, max(event_date) AS latest FROM {PartialDays.Quote(set.Table)} WHERE {upTo}{only} GROUP BY user_id, v) AS latest_days GROUP BY user_id)");
            values.AddRange(readers.Select((r, j) => $"{OrNone(r, $"values{i}.r{j}")} AS {Q(r.Name)}"));
            names.AddRange(readers.Select(r => Q(r.Name)));
            joins.Append($" LEFT JOIN values{i} USING (user_id)");
        }

        var tops = 0;
        foreach (var reader in readersWanted.Where(r => r.Kind == ReadKind.Top))
        {
            if (previous is { } since)
            {
                ctes.AddRange(SlidingTop(reader, tops, since, asOf));
                values.Add($"CASE WHEN touched{tops}.present IS NULL THEN kept.{Q(KeptColumn(reader))} ELSE top{tops}.v END AS {Q(reader.Name)}");
                names.Add(Q(reader.Name));
                joins.Append($" LEFT JOIN touched{tops} USING (user_id) LEFT JOIN top{tops} USING (user_id)");
                tops++;
                continue;
            }

            // The window's counts by value added up; the most frequent wins, a tie going to the ordinally smallest.
            ctes.Add($"top{tops} AS (SELECT user_id, first(v ORDER BY c DESC, v ASC) AS v FROM (SELECT user_id, v, sum(c) AS c FROM {PartialDays.Quote(reader.Table)} WHERE {upTo} AND {Window(reader)}{only} GROUP BY user_id, v) AS counted GROUP BY user_id)");
            values.Add($"top{tops}.v AS {Q(reader.Name)}");
            names.Add(Q(reader.Name));
            joins.Append($" LEFT JOIN top{tops} USING (user_id)");
            tops++;
        }

        if (previous is not null)
        {
            // The stored profiles' values, which sliding changes (a customer new since has none: 0, no list, no time).
            var kept = plan.Readers.Select(r => $"{Q(r.Name)} AS {Q(KeptColumn(r))}");
            ctes.Insert(0, $"kept AS (SELECT user_id, {string.Join(", ", kept)} FROM profiles)");
            joins.Append(" LEFT JOIN kept USING (user_id)");
        }

        var catalogSums = plan.SumTables.Select((t, i) => (t, i)).Single(t => t.t.Table == plan.CatalogSums).i;
        var combined = $"SELECT {string.Join(", ", ["user_id", .. values])} FROM sums{catalogSums}{joins}";
        ctes.Add(previous is null
            ? $"base AS ({combined})"
            : $"base AS ({combined} UNION ALL SELECT user_id, {string.Join(", ", names)} FROM profiles WHERE user_id NOT IN (SELECT user_id FROM affected))");

        var stage = new List<string> { "base.*" };
        stage.AddRange(ProfileQuery.Ratios(catalog, dialect, narrowTo));
        var eventJoin = "";
        if (fromEvents.Count > 0)
        {
            // Every customer's, from the events: the earliest day any of them can reach bounds what is read of the lake.
            var firstDays = fromEvents.Select(a => DayWindow.FirstDay(a.Node, asOf)).ToList();
            var from = firstDays.All(d => d is not null) ? $" AND event_date >= {DayPartialQuery.Day(firstDays.Min()!.Value)}" : "";
            var columns = fromEvents.Select(a => $"{AggregateColumns.Column(a.Node, dialect, clock, parameters)} AS {Q(a.Derived.Name)}");
            ctes.Add($"event_aggregates AS (SELECT user_id, {string.Join(", ", columns)} FROM (SELECT * FROM {eventsSource} WHERE {upTo}{from}) AS events GROUP BY user_id)");
            stage.AddRange(fromEvents.Select(a => $"{OrNone(a.Node, $"event_aggregates.{Q(a.Derived.Name)}")} AS {Q(a.Derived.Name)}"));
            eventJoin = " LEFT JOIN event_aggregates USING (user_id)";
        }

        ctes.Add($"stage AS (SELECT {string.Join(", ", stage)} FROM base{eventJoin})");
        var outputs = ProfileQuery.Outputs(catalog, dialect, clock, parameters, [.. plan.Aggregates, .. fromEvents.Select(a => a.Derived)], narrowTo);
        return new SqlQuery($"WITH {string.Join(",\n", ctes)}\nSELECT {string.Join(", ", outputs)} FROM stage", parameters);
    }

    /// <summary>
    /// The days whose customers' values can differ as of <paramref name="asOf"/> from <paramref name="before"/>: the days
    /// after it, and for every window the days that have left it in between.
    /// </summary>
    private static string Changed(PartialPlan plan, DateOnly before, DateOnly asOf)
    {
        var ranges = new List<string> { $"(event_date > {DayPartialQuery.Day(before)} AND event_date <= {DayPartialQuery.Day(asOf)})" };
        foreach (var reader in plan.Readers)
        {
            if (reader.FirstDay(asOf) is { } now)
            {
                var then = reader.FirstDay(before) ?? DateOnly.MinValue;
                if (then < now)
                {
                    ranges.Add($"(event_date >= {DayPartialQuery.Day(then)} AND event_date < {DayPartialQuery.Day(now)})");
                }
            }
        }

        return string.Join(" OR ", ranges.Distinct(StringComparer.Ordinal));
    }

    /// <summary>
    /// A value set's readers slid from the stored profiles' day <paramref name="since"/> to <paramref name="asOf"/>: for each
    /// reader the old window O = [then, since] and the new N = [now, asOf]; only the (customer, value) pairs with a row in
    /// O \ N or N \ O can change, so only they are read (with all their rows in O and N), each flagged in O and in N. A
    /// distinct count changes by the pairs in N only (+1) and in O only (-1); a list loses the latter and gains the former.
    /// </summary>
    private static IEnumerable<string> SlidingValues(ValueSet set, int i, List<Reader> readers, DateOnly since, DateOnly asOf)
    {
        var table = PartialDays.Quote(set.Table);
        var upTo = $"event_date <= {DayPartialQuery.Day(asOf)}";
        var changing = readers.SelectMany(r => new[] { Entered(r, since, asOf), Left(r, since, asOf) }).Distinct(StringComparer.Ordinal);
        var flags = readers.SelectMany((r, j) => new[]
        {
            $"bool_or({FromDay(r.FirstDay(since))} AND event_date <= {DayPartialQuery.Day(since)}) AS o{j}",
            $"bool_or({FromDay(r.FirstDay(asOf))}) AS n{j}",
        });
        var changes = readers.Select((r, j) => r.Kind == ReadKind.List
            ? $"list(v) FILTER (WHERE n{j} AND NOT o{j}) AS entered{j}, list(v) FILTER (WHERE o{j} AND NOT n{j}) AS left{j}"
            : $"sum(CASE WHEN n{j} AND NOT o{j} THEN 1 WHEN o{j} AND NOT n{j} THEN -1 ELSE 0 END) AS change{j}");
        return
        [
            $"changing{i} AS (SELECT DISTINCT user_id, v FROM {table} WHERE {string.Join(" OR ", changing)})",
            $"flags{i} AS (SELECT user_id, v, {string.Join(", ", flags)} FROM {table} JOIN changing{i} USING (user_id, v) WHERE {upTo} GROUP BY user_id, v)",
            $"slide{i} AS (SELECT user_id, {string.Join(", ", changes)} FROM flags{i} GROUP BY user_id)",
        ];
    }

    /// <summary>
    /// A top value slid from the stored profiles' day: only the customers with counts on a day that entered or left the
    /// window can have another top (the others keep theirs). For them, when the stored top lost nothing, every value that
    /// gained nothing has at most its old count, which was at most the stored top's (and a tie went to the smaller value
    /// then as now), so the new top is among the stored top and the values that gained: only those are counted over the
    /// window. A customer whose stored top lost counts has all its values counted again.
    /// </summary>
    private static IEnumerable<string> SlidingTop(Reader reader, int k, DateOnly since, DateOnly asOf)
    {
        var table = PartialDays.Quote(reader.Table);
        var (entered, left) = (Entered(reader, since, asOf), Left(reader, since, asOf));
        var kept = SqlDialect.DuckDb.QuoteIdentifier(KeptColumn(reader));
        var window = $"event_date <= {DayPartialQuery.Day(asOf)} AND {FromDay(reader.FirstDay(asOf))}";
        return
        [
            $"delta{k} AS (SELECT user_id, v, coalesce(sum(c) FILTER (WHERE {entered}), 0) AS gained, coalesce(sum(c) FILTER (WHERE {left}), 0) AS lost FROM {table} WHERE {entered} OR {left} GROUP BY user_id, v)",
            $"touched{k} AS (SELECT user_id, TRUE AS present, coalesce(bool_or(v = kept.{kept} AND lost > 0), FALSE) AS recount FROM delta{k} LEFT JOIN kept USING (user_id) GROUP BY user_id)",
            $"candidates{k} AS (SELECT user_id, v FROM delta{k} JOIN touched{k} USING (user_id) WHERE NOT recount AND gained > 0"
                + $" UNION SELECT user_id, kept.{kept} AS v FROM touched{k} JOIN kept USING (user_id) WHERE NOT recount AND kept.{kept} IS NOT NULL"
                + $" UNION SELECT user_id, v FROM {table} JOIN touched{k} USING (user_id) WHERE recount AND {window})",
            $"top{k} AS (SELECT user_id, first(v ORDER BY c DESC, v ASC) AS v FROM (SELECT user_id, v, sum(c) AS c FROM {table} JOIN candidates{k} USING (user_id, v) WHERE {window} GROUP BY user_id, v) AS counted GROUP BY user_id)",
        ];
    }

    // The days a reader's window gained between the stored day and D (N \ O: after the stored day, from the new window's
    // start) and the days it lost (O \ N: in the old window, before the new one starts), as conditions on event_date.
    private static string Entered(Reader reader, DateOnly since, DateOnly asOf) =>
        $"({FromDay(reader.FirstDay(asOf))} AND event_date > {DayPartialQuery.Day(since)} AND event_date <= {DayPartialQuery.Day(asOf)})";

    private static string Left(Reader reader, DateOnly since, DateOnly asOf) => reader.FirstDay(asOf) is { } now
        ? $"({FromDay(reader.FirstDay(since))} AND event_date < {DayPartialQuery.Day(now)} AND event_date <= {DayPartialQuery.Day(since)})"
        : "FALSE";

    private static string FromDay(DateOnly? day) => day is { } d ? $"event_date >= {DayPartialQuery.Day(d)}" : "TRUE";

    /// <summary>Whether a sums reader's value as of D follows from the stored one and the days that entered and left its window.</summary>
    private static bool Slides(Reader reader, DateOnly since, DateOnly asOf) => reader.Kind switch
    {
        ReadKind.Count or ReadKind.Integer or ReadKind.Money => true,
        // The earliest or latest of every day so far: nothing leaves (a windowed one is read again).
        ReadKind.Least or ReadKind.Greatest => reader.FirstDay(since) is null && reader.FirstDay(asOf) is null,
        _ => false,
    };

    // What a slid sums reader changes its stored value by: the entered days' sum less the left days' (or the least or
    // greatest of the entered days).
    private static string SumChange(Reader reader, DateOnly since, DateOnly asOf)
    {
        var (entered, left, column) = (Entered(reader, since, asOf), Left(reader, since, asOf), reader.Columns[0]);
        return reader.Kind switch
        {
            ReadKind.Least => $"min({column}) FILTER (WHERE {entered})",
            ReadKind.Greatest => $"max({column}) FILTER (WHERE {entered})",
            _ => $"coalesce(sum({column}) FILTER (WHERE {entered}), 0) - coalesce(sum({column}) FILTER (WHERE {left}), 0)",
        };
    }

    private static string SlidSum(Reader reader, string change)
    {
        var kept = $"kept.{SqlDialect.DuckDb.QuoteIdentifier(KeptColumn(reader))}";
        return reader.Kind switch
        {
            ReadKind.Least => $"least({kept}, {change})",
            ReadKind.Greatest => $"greatest({kept}, {change})",
            ReadKind.Money => $"coalesce({kept}, 0) + coalesce({change}, 0)",
            _ => $"CAST(coalesce({kept}, 0) + coalesce({change}, 0) AS BIGINT)",
        };
    }

    // A slid reader's value: the stored one changed by what entered and left its window (an empty list is NULL, as combined).
    private static string SlidValue(Reader reader, int j, string slide)
    {
        var kept = $"kept.{SqlDialect.DuckDb.QuoteIdentifier(KeptColumn(reader))}";
        if (reader.Kind != ReadKind.List)
        {
            return $"CAST(coalesce({kept}, 0) + coalesce({slide}.change{j}, 0) AS BIGINT)";
        }

        var list = $"list_sort(list_concat(list_filter({kept}, x -> NOT coalesce(list_contains({slide}.left{j}, x), FALSE)), {slide}.entered{j}))";
        return $"CASE WHEN coalesce(len({list}), 0) = 0 THEN NULL ELSE {list} END";
    }

    private static string KeptColumn(Reader reader) => "kept_" + reader.Name;

    // A metric's value over its sums table's rows of one customer.
    private static string SumValue(Reader reader, string window)
    {
        string Of(int column) => reader.Columns[column];
        return reader.Kind switch
        {
            ReadKind.Count or ReadKind.Integer => $"CAST(coalesce(sum({Of(0)}) FILTER (WHERE {window}), 0) AS BIGINT)",
            ReadKind.Money => $"coalesce(sum({Of(0)}) FILTER (WHERE {window}), 0)",
            ReadKind.Least => $"min({Of(0)}) FILTER (WHERE {window})",
            ReadKind.Greatest => $"max({Of(0)}) FILTER (WHERE {window})",
            ReadKind.AverageOfCents => $"CAST(sum({Of(0)}) FILTER (WHERE {window}) AS DOUBLE) / CAST(100 * sum({Of(1)}) FILTER (WHERE {window}) AS DOUBLE)",
            _ => $"CAST(sum({Of(0)}) FILTER (WHERE {window}) AS DOUBLE) / CAST(sum({Of(1)}) FILTER (WHERE {window}) AS DOUBLE)",
        };
    }

    // The value of a customer with no row in the reader's table: 0 for counts and sums, else NULL.
    private static string OrNone(Reader reader, string value) =>
        reader.Kind is ReadKind.Count or ReadKind.Integer or ReadKind.DistinctCount or ReadKind.Money ? $"coalesce({value}, 0)" : value;

    // The same for an aggregate computed from the events: COUNT, COUNT DISTINCT and SUM are 0 when nothing matches.
    private static string OrNone(AggregateNode node, string value) =>
        node.Function is AggregateFunction.Count or AggregateFunction.CountDistinct or AggregateFunction.Sum ? $"coalesce({value}, 0)" : value;
}
