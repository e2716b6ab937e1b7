using System.Globalization;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Store.Segments;

/// <summary>An archived segment: its last version, and when and by whom it was archived.</summary>
public sealed record ArchivedSegment(SegmentDefinition Segment, DateTime ArchivedAt, string ArchivedBy);

/// <summary>Why a lifecycle change was refused, in words for the person who asked.</summary>
public enum LifecycleRefusal
{
    None,
    NotFound,
    InvalidName,
    NameTaken,

    /// <summary>Other live segments read it through in_segment (v2): they would lose what they read.</summary>
    InUse,
}

/// <summary>
/// What happens to a segment after it is saved: archived (kept with every version, evaluation and member, out of
/// lists and runs, restorable), restored, renamed (its whole history moves with it, in one transaction). A name
/// stays taken while its segment is archived, so a restore never meets a stranger under its name.
/// </summary>
public sealed class SegmentLifecycle
{
    private readonly DuckDBConnection _connection;
    private readonly SegmentStore _segments;

    internal SegmentLifecycle(DuckDBConnection connection, SegmentStore segments)
    {
        _connection = connection;
        _segments = segments;
    }

    /// <summary>Archives a live segment; NotFound when there is none of that name.</summary>
    public LifecycleRefusal Archive(string name, string by)
    {
        if (_segments.Find(name) is null)
        {
            return LifecycleRefusal.NotFound;
        }

        if (_segments.ReadersOf(name).Count > 0)
        {
            return LifecycleRefusal.InUse;
        }

        using var command = _connection.Command("INSERT INTO segment_archive VALUES ($1, $2, $3)", name, DateTime.UtcNow, by);
        command.ExecuteNonQuery();
        return LifecycleRefusal.None;
    }

    /// <summary>Why a segment that others read cannot go away or change its name.</summary>
    public static string InUse(string name, IReadOnlyList<string> readers) =>
        $"`{name}` is read by {string.Join(", ", readers.Select(r => $"`{r}`"))} (in_segment): change their rules first";

    /// <summary>Brings an archived segment back with its history; NotFound when it is not archived.</summary>
    public LifecycleRefusal Restore(string name)
    {
        using var command = _connection.Command("DELETE FROM segment_archive WHERE name = $1", name);
        return command.ExecuteNonQuery() == 0 ? LifecycleRefusal.NotFound : LifecycleRefusal.None;
    }

    /// <summary>The archived segments, most recently archived first.</summary>
    public IReadOnlyList<ArchivedSegment> Archived()
    {
        using var command = _connection.Command("SELECT name, archived_at, archived_by FROM segment_archive ORDER BY archived_at DESC, name", []);
        using var reader = command.ExecuteReader();
        var archived = new List<(string Name, DateTime At, string By)>();
        while (reader.Read())
        {
            archived.Add((reader.GetString(0), reader.GetDateTime(1), reader.GetString(2)));
        }

        return [.. archived.Select(a => new ArchivedSegment(_segments.Versions(a.Name)[^1], a.At, a.By))];
    }

    /// <summary>
    /// Gives a live segment a new name, with every version, evaluation and member day, all at once or not at all;
    /// the new name must be valid and free (no live or archived segment has it).
    /// </summary>
    public (LifecycleRefusal Refusal, string? Problem) Rename(string from, string to)
    {
        if (_segments.Find(from) is null)
        {
            return (LifecycleRefusal.NotFound, $"no segment `{from}`");
        }

        if (_segments.ReadersOf(from) is { Count: > 0 } readers)
        {
            return (LifecycleRefusal.InUse, InUse(from, readers));
        }

        if (SegmentNames.NameProblem(to) is { } problem)
        {
            return (LifecycleRefusal.InvalidName, problem);
        }

        if (Convert.ToInt64(_connection.Scalar("SELECT count(*) FROM segment_versions WHERE name = $1", to), CultureInfo.InvariantCulture) > 0)
        {
            return (LifecycleRefusal.NameTaken, $"a segment named `{to}` exists already{(IsArchived(to) ? " (archived)" : "")}");
        }

        _connection.InTransaction(() =>
        {
            foreach (var table in new[] { "segment_versions", "segment_evaluations", "segment_membership" })
            {
                // Copied under the new name, then the old rows removed: no key is updated in place.
                _connection.Execute($"INSERT INTO {table} SELECT * REPLACE (CAST($2 AS VARCHAR) AS name) FROM {table} WHERE name = $1", from, to);
                _connection.Execute($"DELETE FROM {table} WHERE name = $1", from);
            }
        });

        return (LifecycleRefusal.None, null);
    }

    /// <summary>Whether a segment of that name is archived.</summary>
    public bool IsArchived(string name) =>
        Convert.ToInt64(_connection.Scalar("SELECT count(*) FROM segment_archive WHERE name = $1", name), CultureInfo.InvariantCulture) > 0;

    /// <summary>Each version's latest evaluation (its day and size), by version; versions never evaluated are absent.</summary>
    public IReadOnlyDictionary<int, SegmentEvaluation> VersionSizes(string name)
    {
        using var command = _connection.Command(
            """
            SELECT name, version, as_of, members, evaluated_at FROM segment_evaluations
            WHERE name = $1 QUALIFY row_number() OVER (PARTITION BY version ORDER BY as_of DESC) = 1
            """, name);
        using var reader = command.ExecuteReader();
        var sizes = new Dictionary<int, SegmentEvaluation>();
        while (reader.Read())
        {
            sizes[reader.GetInt32(1)] = new SegmentEvaluation(reader.GetString(0), reader.GetInt32(1), DateOnly.FromDateTime(reader.GetDateTime(2)), reader.GetInt64(3), reader.GetDateTime(4));
        }

        return sizes;
    }
}
