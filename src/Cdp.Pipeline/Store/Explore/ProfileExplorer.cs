using System.Globalization;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;
using Cdp.Rules.Columnar;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Store.Explore;

/// <summary>
/// The read side of the embedded store for the web app: pages of profiles sorted by any metric and filtered
/// by a rule (compiled by the DuckDB SQL target, every literal a parameter), a customer's days and recent
/// events, the store's days, and the profiles as a <see cref="ColumnTable"/> for audience previews.
/// </summary>
public sealed class ProfileExplorer
{
    private readonly DuckDBConnection _connection;
    private readonly ProfileCatalog _catalog;
    private readonly string _dataDirectory;

    internal ProfileExplorer(DuckDBConnection connection, ProfileCatalog catalog, string dataDirectory)
    {
        _connection = connection;
        _catalog = catalog;
        _dataDirectory = dataDirectory;
    }

    private bool HasProfiles => Convert.ToInt64(_connection.Scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'profiles'"), CultureInfo.InvariantCulture) > 0;

    /// <summary>A page of profiles; an unknown sort metric is an <see cref="ArgumentException"/> naming it.</summary>
    public ProfilePage Page(ProfilePageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HasProfiles)
        {
            return new ProfilePage(0, []);
        }

        var sort = request.Sort is null or "user_id" ? "user_id"
            : _catalog.Declarations.FirstOrDefault(d => d.Name == request.Sort)?.Name
              ?? throw new ArgumentException($"cannot sort by `{request.Sort}`: it is not a metric of the catalog");
        var where = new List<string>();
        var parameters = new List<object?>();
        if (request.Filter is { } filter)
        {
            var condition = SqlTarget.Condition(filter, SqlDialect.DuckDb, request.Clock, parameters.Count + 1);
            where.Add($"({condition.Text})");
            parameters.AddRange(condition.Parameters.Select(p => p.Value));
        }

        if (!string.IsNullOrEmpty(request.Search))
        {
            if (!request.Search.All(char.IsAsciiDigit))
            {
                throw new ArgumentException($"search takes the digits of a user_id, not `{request.Search}`");
            }

            parameters.Add(request.Search);
            where.Add($"starts_with(CAST(user_id AS VARCHAR), ${parameters.Count})");
        }

        var whereSql = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        using var count = _connection.Command($"SELECT count(*) FROM profiles{whereSql}", parameters);
        var total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        var direction = request.Descending ? "DESC" : "ASC";
        using var page = _connection.Command(
            $"SELECT * FROM profiles{whereSql} ORDER BY \"{sort}\" {direction} NULLS LAST, user_id LIMIT {Math.Clamp(request.Limit, 1, 1000)} OFFSET {Math.Max(request.Offset, 0)}",
            parameters);
        using var reader = page.ExecuteReader();
        return new ProfilePage(total, DuckDbProfileReader.ReadRows(reader, _catalog).ToList());
    }

    /// <summary>A page of a segment's members on a day, with their profiles, by user_id.</summary>
    public ProfilePage SegmentMembers(string segment, DateOnly asOf, int offset, int limit)
    {
        if (!HasProfiles)
        {
            return new ProfilePage(0, []);
        }

        using var count = _connection.Command("SELECT count(*) FROM segment_membership WHERE name = $1 AND as_of = $2", [segment, asOf]);
        var total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        using var page = _connection.Command(
            $"""
            SELECT p.* FROM segment_membership m JOIN profiles p USING (user_id)
            WHERE m.name = $1 AND m.as_of = $2 ORDER BY user_id LIMIT {Math.Clamp(limit, 1, 100_000)} OFFSET {Math.Max(offset, 0)}
            """, [segment, asOf]);
        using var reader = page.ExecuteReader();
        return new ProfilePage(total, DuckDbProfileReader.ReadRows(reader, _catalog).ToList());
    }

    /// <summary>The customer's days, oldest first.</summary>
    public IReadOnlyList<CustomerDay> Days(long userId)
    {
        using var command = _connection.Command(
            "SELECT event_date, events, views, carts, removes, purchases, spend, sessions FROM daily_aggregates WHERE user_id = $1 ORDER BY event_date",
            [userId]);
        using var reader = command.ExecuteReader();
        var days = new List<CustomerDay>();
        while (reader.Read())
        {
            days.Add(new CustomerDay(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetDecimal(6), reader.GetInt64(7)));
        }

        return days;
    }

    /// <summary>The customer's latest events from the lake, newest first.</summary>
    public IReadOnlyList<CustomerEvent> RecentEvents(long userId, int limit = 50)
    {
        var events = new List<CustomerEvent>();
        if (Lake.EventLakeReader.Dates(_dataDirectory).Count == 0)
        {
            return events;
        }

        // Not `ORDER BY event_time DESC LIMIT n`: over the Parquet lake that skipped the newest days and
        // answered older events (the DuckDB bundled with DuckDB.NET 1.5.6; found by ProfilesApiTests).
        // Ordering by the microseconds keeps the top-N from pruning on the timestamp column's statistics.
        using var command = _connection.Command(
            $"SELECT event_time, event_type, product_id, category_code, brand, price, user_session FROM {Lake.LakeScan.Sql(_dataDirectory)} WHERE user_id = $1 ORDER BY epoch_us(event_time) DESC LIMIT {Math.Clamp(limit, 1, 1000)}",
            [userId]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(new CustomerEvent(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetString(1), reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetDecimal(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return events;
    }

    /// <summary>
    /// A customer's events up to the end of a day, newest first (at most <paramref name="limit"/>), as the rule
    /// language's events: what explain shows behind an aggregate (v2).
    /// </summary>
    public IReadOnlyList<Cdp.Rules.RuleEvent> RuleEvents(long userId, DateOnly through, int limit = 10_000)
    {
        var events = new List<Cdp.Rules.RuleEvent>();
        if (Lake.EventLakeReader.Dates(_dataDirectory).Count == 0)
        {
            return events;
        }

        using var command = _connection.Command(
            $"SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_session FROM {Lake.LakeScan.Sql(_dataDirectory)} WHERE user_id = $1 AND event_date <= $2 ORDER BY epoch_us(event_time) DESC LIMIT {Math.Clamp(limit, 1, 100_000)}",
            [userId, through]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(new Cdp.Rules.RuleEvent(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetDecimal(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return events;
    }

    /// <summary>The event fields whose frequent values the editor offers.</summary>
    public static IReadOnlyList<string> ValueFields { get; } = ["brand", "category_code"];

    /// <summary>
    /// The most frequent non-empty values of an event field over the lake (<see cref="ValueFields"/>), most frequent
    /// first, ties by value: what the rule editor offers after <c>brand =</c>. Empty without a lake.
    /// </summary>
    public IReadOnlyList<string> FrequentValues(string field, int limit = 50)
    {
        if (!ValueFields.Contains(field))
        {
            throw new ArgumentException($"values are offered for {string.Join(", ", ValueFields)}, not `{field}`", nameof(field));
        }

        var values = new List<string>();
        if (Lake.EventLakeReader.Dates(_dataDirectory).Count == 0)
        {
            return values;
        }

        using var command = _connection.Command(
            $"SELECT {field} FROM {Lake.LakeScan.Sql(_dataDirectory)} WHERE {field} IS NOT NULL AND {field} <> '' GROUP BY {field} ORDER BY count(*) DESC, {field} LIMIT {Math.Clamp(limit, 1, 1000)}");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The store's days, oldest first.</summary>
    public IReadOnlyList<StoreDay> StoreDays()
    {
        using var command = _connection.Command(
            """
            SELECT event_date, count(*), count(*) FILTER (WHERE purchases > 0), coalesce(sum(spend), 0), CAST(sum(events) AS BIGINT), CAST(sum(purchases) AS BIGINT)
            FROM daily_aggregates GROUP BY event_date ORDER BY event_date
            """, []);
        using var reader = command.ExecuteReader();
        var days = new List<StoreDay>();
        while (reader.Read())
        {
            days.Add(new StoreDay(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(3),
                reader.GetInt64(4), reader.GetInt64(5)));
        }

        return days;
    }

    /// <summary>How many profiles are stored.</summary>
    public long ProfileCount() => HasProfiles ? Convert.ToInt64(_connection.Scalar("SELECT count(*) FROM profiles"), CultureInfo.InvariantCulture) : 0;

    /// <summary>How each catalog metric is spread over the stored profiles (none when there are no profiles yet).</summary>
    public IReadOnlyList<MetricDistribution> Distributions() =>
        HasProfiles ? [.. _catalog.Declarations.Select(d => MetricDistributions.Of(_connection, d))] : [];

    /// <summary>Every stored profile as columns, read once, for evaluating rules in memory.</summary>
    public ColumnTable Columns() => ColumnsWith([]).Table;

    /// <summary>
    /// The profiles as columns with the v2 derived columns: the saved segments' aggregates the profiles table holds, and
    /// a membership column for each of <paramref name="segments"/> as of <paramref name="asOf"/> (what in_segment
    /// reads); and the catalog that declares what the table has.
    /// </summary>
    public (ColumnTable Table, MetricCatalog Catalog) ColumnsWith(IEnumerable<MetricDefinition> derived, IEnumerable<string>? segments = null, DateOnly? asOf = null)
    {
        var held = _connection.ColumnNames("profiles");
        var members = asOf is null ? [] : (segments ?? []).Distinct().ToList();
        var catalog = new MetricCatalog(_catalog.Catalog.Metrics
            .Concat(derived.Where(d => held.Contains(d.Name)).DistinctBy(d => d.Name))
            .Concat(members.Select(m => new MetricDefinition(DerivedMetric.SegmentName(m), MetricType.Bool, $"in_segment('{m}')"))));
        var flags = members.Select(m => ", " + Segments.SegmentStore.MembershipColumn(m, asOf!.Value));
        return (Columns(catalog, string.Concat(flags)), catalog);
    }

    private ColumnTable Columns(MetricCatalog catalog, string extraColumns = "")
    {
        var builder = new ColumnTableBuilder(catalog, (int)Math.Max(ProfileCount(), 64));
        if (!HasProfiles)
        {
            return builder.Build();
        }

        using var command = _connection.Command($"SELECT *{extraColumns} FROM profiles ORDER BY user_id", []);
        using var reader = command.ExecuteReader();
        var ordinals = builder.Metrics.Select(m => reader.GetOrdinal(m.Name)).ToArray();
        var types = builder.Metrics.Select(m => m.Type).ToArray();
        var userId = reader.GetOrdinal("user_id");
        while (reader.Read())
        {
            builder.StartRow(reader.GetInt64(userId));
            for (var i = 0; i < ordinals.Length; i++)
            {
                var ordinal = ordinals[i];
                if (!reader.IsDBNull(ordinal))
                {
                    DuckDbProfileReader.ReadInto(builder, i, reader, ordinal, types[i]);
                }
            }
        }

        return builder.Build();
    }

}
