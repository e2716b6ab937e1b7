using System.Globalization;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Segments;

/// <summary>A saved segment: its current version.</summary>
public sealed record SegmentDefinition(string Name, string Description, string Rule, string Owner, int Version, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A segment's size on one day, and who entered and left it since the day before.</summary>
public sealed record SegmentDay(DateOnly AsOf, long Members, long Entered, long Exited);

/// <summary>
/// Segments in the embedded store, beside the profiles: definitions with every version kept, and the
/// members of each segment per as-of day, so that size over time and who entered or left are queries.
/// A rule is checked against the catalog before it is saved; it is evaluated where the profiles are.
/// </summary>
public sealed class SegmentStore
{
    private readonly DuckDBConnection _connection;
    private readonly IMetricCatalog _catalog;

    public SegmentStore(DuckDBConnection connection, IMetricCatalog catalog)
    {
        _connection = connection;
        _catalog = catalog;
        _connection.Execute("""
            CREATE TABLE IF NOT EXISTS segment_versions (
              name VARCHAR, version INTEGER, description VARCHAR, rule VARCHAR, owner VARCHAR, saved_at TIMESTAMP, PRIMARY KEY (name, version));
            CREATE TABLE IF NOT EXISTS segment_membership (name VARCHAR, as_of DATE, user_id BIGINT);
            """);
    }

    /// <summary>Saves a new segment or a new version of one; the diagnostics when the rule has mistakes.</summary>
    public (SegmentDefinition? Segment, IReadOnlyList<Diagnostic> Diagnostics) Save(string name, string rule, string description, string owner)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("a segment name is 1 to 100 characters", nameof(name));
        }

        var parsed = Rule.Parse(rule, _catalog);
        if (!parsed.Succeeded)
        {
            return (null, parsed.Diagnostics);
        }

        var version = Convert.ToInt32(_connection.Scalar("SELECT coalesce(max(version), 0) FROM segment_versions WHERE name = $1", name), CultureInfo.InvariantCulture) + 1;
        using var command = _connection.Command("INSERT INTO segment_versions VALUES ($1, $2, $3, $4, $5, $6)", name, version, description, parsed.Rule.ToCanonicalString(), owner, DateTime.UtcNow);
        command.ExecuteNonQuery();
        return (Find(name), []);
    }

    /// <summary>Every segment, by name.</summary>
    public IReadOnlyList<SegmentDefinition> List() => Read(
        """
        SELECT v.name, v.description, v.rule, v.owner, v.version, first.saved_at, v.saved_at FROM segment_versions v
        JOIN (SELECT name, max(version) AS version, min(saved_at) AS saved_at FROM segment_versions GROUP BY name) first
          ON first.name = v.name AND first.version = v.version
        ORDER BY v.name
        """);

    public SegmentDefinition? Find(string name) => List().FirstOrDefault(s => s.Name == name);

    /// <summary>Every version of a segment, oldest first.</summary>
    public IReadOnlyList<SegmentDefinition> Versions(string name) =>
        Read("SELECT name, description, rule, owner, version, saved_at, saved_at FROM segment_versions WHERE name = $1 ORDER BY version", name);

    /// <summary>Evaluates every segment (or only <paramref name="only"/>) on the stored profiles as of <paramref name="asOf"/> and keeps the members of that day.</summary>
    public void Evaluate(DateOnly asOf, string profilesTable = "profiles", string? only = null)
    {
        var clock = RuleClock.AsOfDate(asOf);
        foreach (var segment in List().Where(s => only is null || s.Name == only))
        {
            var rule = Rule.Parse(segment.Rule, _catalog).Rule;
            if (rule is null)
            {
                continue; // saved against an older catalog; it no longer checks and is left out until edited
            }

            var query = SqlTarget.Select(rule, SqlDialect.DuckDb, clock, profilesTable);
            var offset = query.Parameters.Count;
            using (var delete = _connection.Command("DELETE FROM segment_membership WHERE name = $1 AND as_of = $2", segment.Name, asOf))
            {
                delete.ExecuteNonQuery();
            }

            using var command = _connection.Command(
                $"INSERT INTO segment_membership SELECT ${offset + 1}, CAST(${offset + 2} AS DATE), user_id FROM ({query.Text})",
                [.. query.Parameters.Select(p => p.Value), segment.Name, asOf]);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The members on a day, ascending.</summary>
    public IReadOnlyList<long> Members(string name, DateOnly asOf)
    {
        using var command = _connection.Command("SELECT user_id FROM segment_membership WHERE name = $1 AND as_of = $2 ORDER BY user_id", name, asOf);
        using var reader = command.ExecuteReader();
        var members = new List<long>();
        while (reader.Read())
        {
            members.Add(reader.GetInt64(0));
        }

        return members;
    }

    /// <summary>
    /// The members of a day as a cluster computed them (Parquet with <c>name</c> and <c>user_id</c>, as the Spark
    /// segment job writes a day's partition), instead of evaluating here; segments not in the file have none.
    /// </summary>
    public long ImportMembership(DateOnly asOf, string parquet)
    {
        using (var delete = _connection.Command("DELETE FROM segment_membership WHERE as_of = $1", asOf))
        {
            delete.ExecuteNonQuery();
        }

        using var insert = _connection.Command(
            $"INSERT INTO segment_membership SELECT CAST(name AS VARCHAR), CAST($1 AS DATE), CAST(user_id AS BIGINT) FROM read_parquet('{parquet.Replace("'", "''", StringComparison.Ordinal)}') WHERE name IS NOT NULL",
            asOf);
        return insert.ExecuteNonQuery();
    }

    /// <summary>The last day the segment was evaluated, if ever.</summary>
    public DateOnly? LastEvaluated(string name) =>
        _connection.Scalar("SELECT max(as_of) FROM segment_membership WHERE name = $1", name) switch
        {
            DateOnly day => day,
            DateTime day => DateOnly.FromDateTime(day),
            _ => null,
        };

    /// <summary>Every segment's size on the last day it has members, in one query (what History's last day says, without the rest).</summary>
    public IReadOnlyDictionary<string, long> LatestSizes()
    {
        using var command = _connection.Command(
            """
            SELECT m.name, count(*) FROM segment_membership m
            JOIN (SELECT name, max(as_of) AS as_of FROM segment_membership GROUP BY name) last USING (name, as_of)
            GROUP BY m.name
            """);
        using var reader = command.ExecuteReader();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            sizes[reader.GetString(0)] = reader.GetInt64(1);
        }

        return sizes;
    }

    /// <summary>Size, entered and exited, for every evaluated day.</summary>
    public IReadOnlyList<SegmentDay> History(string name)
    {
        using var command = _connection.Command(
            """
            WITH days AS (SELECT DISTINCT as_of FROM segment_membership WHERE name = $1),
                 ordered AS (SELECT as_of, lag(as_of) OVER (ORDER BY as_of) AS previous FROM days),
                 m AS (SELECT as_of, user_id FROM segment_membership WHERE name = $1)
            SELECT o.as_of,
                   (SELECT count(*) FROM m WHERE m.as_of = o.as_of),
                   (SELECT count(*) FROM m WHERE m.as_of = o.as_of AND m.user_id NOT IN (SELECT user_id FROM m p WHERE p.as_of = o.previous)),
                   (SELECT count(*) FROM m p WHERE p.as_of = o.previous AND p.user_id NOT IN (SELECT user_id FROM m WHERE m.as_of = o.as_of))
            FROM ordered o ORDER BY o.as_of
            """, name);
        using var reader = command.ExecuteReader();
        var days = new List<SegmentDay>();
        while (reader.Read())
        {
            days.Add(new SegmentDay(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return days;
    }

    private IReadOnlyList<SegmentDefinition> Read(string sql, params object[] arguments)
    {
        using var command = _connection.Command(sql, arguments);
        using var reader = command.ExecuteReader();
        var segments = new List<SegmentDefinition>();
        while (reader.Read())
        {
            segments.Add(new SegmentDefinition(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetDateTime(5), reader.GetDateTime(6)));
        }

        return segments;
    }
}
