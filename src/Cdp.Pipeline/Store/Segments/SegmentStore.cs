using System.Globalization;
using Cdp.Pipeline.Activation;
using Cdp.Pipeline.Store.Catalog;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Store.Segments;

/// <summary>A saved segment: its current version.</summary>
public sealed record SegmentDefinition(string Name, string Description, string Rule, string Owner, int Version, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A segment's size on one day, and who entered and left it since the evaluation before.</summary>
public sealed record SegmentDay(DateOnly AsOf, long Members, long Entered, long Exited);

/// <summary>One evaluation of a segment: which version, as of which day, how many members (0 is a size too), when.</summary>
public sealed record SegmentEvaluation(string Name, int Version, DateOnly AsOf, long Members, DateTime EvaluatedAt);

/// <summary>Why a save was refused.</summary>
public enum SegmentSaveRefusal
{
    None,

    /// <summary>The rule has mistakes (see the diagnostics).</summary>
    InvalidRule,

    /// <summary>The name or description will not do (see <see cref="SegmentNames"/>).</summary>
    InvalidName,

    /// <summary>A new segment was asked for under a name that is taken.</summary>
    NameTaken,

    /// <summary>The version edited is no longer the current one: someone saved in between.</summary>
    StaleVersion,

    /// <summary>The rule reads (through in_segment) a segment that reads it back: the cycle is in the problem.</summary>
    Cycle,
}

/// <summary>What a save did: the segment saved, or why not (the diagnostics of a rule with mistakes, a refusal, the current version).</summary>
public sealed record SegmentSave(SegmentDefinition? Segment, IReadOnlyList<Diagnostic> Diagnostics, SegmentSaveRefusal Refusal = SegmentSaveRefusal.None, string? Problem = null, int? CurrentVersion = null)
{
    public void Deconstruct(out SegmentDefinition? segment, out IReadOnlyList<Diagnostic> diagnostics) => (segment, diagnostics) = (Segment, Diagnostics);
}

/// <summary>
/// Segments in the embedded store, beside the profiles: definitions with every version kept, every evaluation
/// (segment, version, as-of, size, even when 0) and the members of each evaluated day, so that size over time
/// and who entered or left are queries. A rule is checked against the catalog before it is saved; it is
/// evaluated where the profiles are. The store does not open transactions itself: the caller makes an
/// evaluation part of the replacement it belongs to.
/// </summary>
public sealed class SegmentStore
{
    private readonly DuckDBConnection _connection;
    private readonly IMetricCatalog _catalog;
    private readonly ComputedMetricStore _computed;
    private readonly ActivationStore _activation;

    internal SegmentStore(DuckDBConnection connection, IMetricCatalog catalog, ComputedMetricStore computed, ActivationStore activation)
    {
        _connection = connection;
        _catalog = catalog;
        _computed = computed;
        _activation = activation;
        Lifecycle = new SegmentLifecycle(connection, this);
    }

    /// <summary>The segments' tables, created when the store is opened (once per process, not per request).</summary>
    internal static void CreateSchema(DuckDBConnection connection)
    {
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS segment_versions (
              name VARCHAR, version INTEGER, description VARCHAR, rule VARCHAR, owner VARCHAR, saved_at TIMESTAMP, PRIMARY KEY (name, version));
            CREATE TABLE IF NOT EXISTS segment_membership (name VARCHAR, as_of DATE, user_id BIGINT);
            CREATE TABLE IF NOT EXISTS segment_evaluations (
              name VARCHAR, version INTEGER, as_of DATE, members BIGINT, evaluated_at TIMESTAMP, PRIMARY KEY (name, as_of));
            CREATE TABLE IF NOT EXISTS segment_archive (name VARCHAR PRIMARY KEY, archived_at TIMESTAMP, archived_by VARCHAR);
            """);
        if (Convert.ToInt64(connection.Scalar("SELECT count(*) FROM segment_evaluations"), CultureInfo.InvariantCulture) == 0)
        {
            // A store from before evaluations were kept: each day with members was an evaluation of the version then current.
            connection.Execute("""
                INSERT INTO segment_evaluations
                SELECT m.name, (SELECT max(version) FROM segment_versions v WHERE v.name = m.name), m.as_of, count(*), now()
                FROM segment_membership m GROUP BY m.name, m.as_of
                """);
        }
    }

    /// <summary>Archiving, restoring and renaming segments, and each version's size.</summary>
    public SegmentLifecycle Lifecycle { get; }

    /// <summary>
    /// Saves a new segment or a new version of one. <paramref name="expectedVersion"/>: 0 asks for a new segment
    /// (refused when the name is taken), N for a new version of version N (refused when another was saved since),
    /// null for either (the command line's <c>segments add</c>).
    /// </summary>
    public SegmentSave Save(string name, string rule, string description, string owner, int? expectedVersion = null)
    {
        if ((SegmentNames.NameProblem(name) ?? SegmentNames.DescriptionProblem(description)) is { } problem)
        {
            return new SegmentSave(null, [], SegmentSaveRefusal.InvalidName, problem);
        }

        var live = Parsed();
        var parsed = Rule.Parse(rule, _catalog, OptionsOf(live.Select(s => s.Segment.Name)));
        if (!parsed.Succeeded)
        {
            return new SegmentSave(null, parsed.Diagnostics, SegmentSaveRefusal.InvalidRule, $"the rule has {parsed.Diagnostics.Count} mistake(s)");
        }

        var reads = Reads(live);
        reads[name] = [.. parsed.Rule.SegmentReferences.Select(r => r.Segment!)];
        if (SegmentGraph.CycleThrough(name, reads) is { } cycle)
        {
            return new SegmentSave(null, [], SegmentSaveRefusal.Cycle, $"segments cannot read each other in a circle: {string.Join(" → ", cycle)}");
        }

        var current = Convert.ToInt32(_connection.Scalar("SELECT coalesce(max(version), 0) FROM segment_versions WHERE name = $1", name), CultureInfo.InvariantCulture);
        if (current > 0 && Lifecycle.IsArchived(name))
        {
            return new SegmentSave(null, [], SegmentSaveRefusal.NameTaken, $"`{name}` is archived: restore it to edit it, or choose another name", current);
        }

        if (expectedVersion == 0 && current > 0)
        {
            return new SegmentSave(null, [], SegmentSaveRefusal.NameTaken, $"a segment named `{name}` exists already (version {current}): open it to edit it, or choose another name", current);
        }

        if (expectedVersion is > 0 && expectedVersion != current)
        {
            return new SegmentSave(null, [], SegmentSaveRefusal.StaleVersion,
                current == 0 ? $"there is no segment `{name}` to edit" : $"`{name}` was saved as version {current} after version {expectedVersion} that you edited: reload it and apply your change again", current);
        }

        using var command = _connection.Command("INSERT INTO segment_versions VALUES ($1, $2, $3, $4, $5, $6)", name, current + 1, description, parsed.Rule.ToCanonicalString(), owner, DateTime.UtcNow);
        command.ExecuteNonQuery();
        return new SegmentSave(Find(name), []);
    }

    /// <summary>Every live segment (not archived), by name.</summary>
    public IReadOnlyList<SegmentDefinition> List() => Read(
        """
        SELECT v.name, v.description, v.rule, v.owner, v.version, first.saved_at, v.saved_at FROM segment_versions v
        JOIN (SELECT name, max(version) AS version, min(saved_at) AS saved_at FROM segment_versions GROUP BY name) first
          ON first.name = v.name AND first.version = v.version
        WHERE v.name NOT IN (SELECT name FROM segment_archive)
        ORDER BY v.name
        """);

    public SegmentDefinition? Find(string name) => List().FirstOrDefault(s => s.Name == name);

    /// <summary>Every version of a segment, oldest first.</summary>
    public IReadOnlyList<SegmentDefinition> Versions(string name) =>
        Read("SELECT name, description, rule, owner, version, saved_at, saved_at FROM segment_versions WHERE name = $1 ORDER BY version", name);

    /// <summary>Evaluates every segment (or only <paramref name="only"/>) on the stored profiles as of <paramref name="asOf"/>, keeping the members and the evaluation of that day.</summary>
    public void Evaluate(DateOnly asOf, string profilesTable = "profiles", string? only = null)
    {
        var clock = RuleClock.AsOfDate(asOf);
        var columns = _connection.ColumnNames(profilesTable);
        var live = Parsed();
        var segments = live.ToDictionary(s => s.Segment.Name, StringComparer.Ordinal);
        var evaluated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (segment, parsed) in SegmentGraph.Order(Reads(live)).Select(name => segments[name]).Where(s => only is null || s.Segment.Name == only))
        {
            if (parsed is not { } rule)
            {
                continue; // saved against an older catalog; it no longer checks and is left out (not evaluated) until edited
            }

            var source = profilesTable;
            if (rule.Derived.Count > 0)
            {
                // v2: its aggregates are columns the ETL computed (a segment saved since the last run waits for the next);
                // a segment it reads is the membership of the same day, evaluated before it (or stored, for `only`).
                var references = rule.SegmentReferences.ToList();
                if (!rule.Aggregates.All(d => columns.Contains(d.Name))
                    || references.Any(r => !evaluated.Contains(r.Segment!) && CurrentEvaluation(r.Segment!, asOf) is null))
                {
                    continue;
                }

                rule = rule.WithDerivedColumns();
                source = WithMemberships(profilesTable, references, asOf);
            }

            var query = SqlTarget.Select(rule, SqlDialect.DuckDb, clock, source);
            var offset = query.Parameters.Count;
            using (var delete = _connection.Command("DELETE FROM segment_membership WHERE name = $1 AND as_of = $2", segment.Name, asOf))
            {
                delete.ExecuteNonQuery();
            }

            using (var command = _connection.Command(
                $"INSERT INTO segment_membership SELECT ${offset + 1}, CAST(${offset + 2} AS DATE), user_id FROM ({query.Text})",
                [.. query.Parameters.Select(p => p.Value), segment.Name, asOf]))
            {
                command.ExecuteNonQuery();
            }

            Record(segment, asOf);
            evaluated.Add(segment.Name);
        }
    }

    /// <summary>
    /// A view of the profiles with one boolean column a referenced segment (named by its stable name): membership of
    /// that segment as of the same day. Names and the day are literals of the view (a view takes no parameters), escaped.
    /// </summary>
    private string WithMemberships(string profilesTable, IReadOnlyList<DerivedMetric> references, DateOnly asOf)
    {
        const string View = "profiles_with_segments";
        var flags = references.Select(r => MembershipColumn(r.Segment!, asOf));
        _connection.Execute($"CREATE OR REPLACE TEMP VIEW {View} AS SELECT {SqlDialect.DuckDb.QuoteIdentifier(profilesTable)}.*, {string.Join(", ", flags)} FROM {SqlDialect.DuckDb.QuoteIdentifier(profilesTable)}");
        return View;
    }

    /// <summary>
    /// The column in_segment reads for a segment (by its stable name): membership of that segment as of the day, as a
    /// boolean SQL expression over a profiles table. The name and the day are literals, escaped: a view takes no parameters.
    /// </summary>
    internal static string MembershipColumn(string segment, DateOnly asOf) =>
        $"user_id IN (SELECT user_id FROM segment_membership WHERE name = {DuckDbCommands.Literal(segment)} AND as_of = DATE '{asOf:yyyy-MM-dd}') AS {SqlDialect.DuckDb.QuoteIdentifier(DerivedMetric.SegmentName(segment))}";

    /// <summary>The live segments with their current rules checked (null when one no longer checks), listed and parsed once.</summary>
    private List<(SegmentDefinition Segment, Rule? Rule)> Parsed()
    {
        var live = List();
        var options = OptionsOf(live.Select(s => s.Name));
        return [.. live.Select(s => (s, Rule.Parse(s.Rule, _catalog, options).Rule))];
    }

    /// <summary>The segments each live segment reads through in_segment.</summary>
    private static Dictionary<string, IReadOnlyCollection<string>> Reads(IEnumerable<(SegmentDefinition Segment, Rule? Rule)> live) => live.ToDictionary(
        s => s.Segment.Name,
        s => (IReadOnlyCollection<string>)[.. s.Rule?.SegmentReferences.Select(r => r.Segment!) ?? []],
        StringComparer.Ordinal);

    private RuleOptions OptionsOf(IEnumerable<string> names) => new() { Segments = [.. names], ComputedMetrics = _computed.Definitions() };

    /// <summary>The live segments whose current rule names a computed metric.</summary>
    public IReadOnlyList<string> ReadersOfMetric(string metric) =>
        [.. Parsed().Where(s => s.Rule?.ComputedMetrics.Any(m => string.Equals(m.Name, metric, StringComparison.OrdinalIgnoreCase)) == true).Select(s => s.Segment.Name)];

    /// <summary>How rules are checked here: the live segments' names (what in_segment may read) and the computed metrics.</summary>
    public RuleOptions Options() => OptionsOf(List().Select(s => s.Name));

    /// <summary>
    /// A customer's membership of every live segment as of a day, as the columns in_segment reads (by their stable
    /// names, TRUE or FALSE): what explains a rule that reads other segments for that customer.
    /// </summary>
    public IReadOnlyDictionary<string, object?> MembershipColumns(long userId, DateOnly asOf)
    {
        using var command = _connection.Command("SELECT name FROM segment_membership WHERE user_id = $1 AND as_of = $2", userId, asOf);
        using var reader = command.ExecuteReader();
        var member = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            member.Add(reader.GetString(0));
        }

        return List().ToDictionary(s => DerivedMetric.SegmentName(s.Name), s => (object?)member.Contains(s.Name), StringComparer.Ordinal);
    }

    /// <summary>The live segments whose current rule reads <paramref name="name"/>.</summary>
    public IReadOnlyList<string> ReadersOf(string name) => [.. Reads(Parsed()).Where(r => r.Value.Contains(name)).Select(r => r.Key)];

    /// <summary>The current rules of the saved segments that check against the catalog: what the ETL computes aggregates for.</summary>
    public IReadOnlyList<Rule> Rules() => [.. Parsed().Select(s => s.Rule).OfType<Rule>()];

    /// <summary>
    /// The evaluation of a day as it stands in the membership (its size counted there), and its membership changes in
    /// the outbox of every destination that receives the segment: in the caller's transaction, both or neither.
    /// </summary>
    private void Record(SegmentDefinition segment, DateOnly asOf)
    {
        var (name, version) = (segment.Name, segment.Version);
        using var command = _connection.Command(
            """
            INSERT OR REPLACE INTO segment_evaluations
            SELECT $1, $2, $3, (SELECT count(*) FROM segment_membership WHERE name = $1 AND as_of = $3), now()
            """, name, version, asOf);
        command.ExecuteNonQuery();
        _activation.Record(name, version, segment.Rule, asOf);
    }

    /// <summary>The evaluation of the current version as of a day (the profiles' day); null when that has not been evaluated.</summary>
    public SegmentEvaluation? CurrentEvaluation(string name, DateOnly? asOf) =>
        asOf is { } day ? Evaluations("e.name = $1 AND e.as_of = $2", name, day).FirstOrDefault() : null;

    /// <summary>Every segment's evaluation of its current version as of a day, by name (segments not evaluated then are absent).</summary>
    public IReadOnlyDictionary<string, SegmentEvaluation> CurrentEvaluations(DateOnly? asOf) =>
        asOf is { } day ? Evaluations("e.as_of = $1", day).ToDictionary(e => e.Name, StringComparer.Ordinal) : new Dictionary<string, SegmentEvaluation>();

    private List<SegmentEvaluation> Evaluations(string filter, params object[] arguments)
    {
        using var command = _connection.Command(
            $"""
            SELECT e.name, e.version, e.as_of, e.members, e.evaluated_at FROM segment_evaluations e
            JOIN (SELECT name, max(version) AS version FROM segment_versions GROUP BY name) v ON v.name = e.name AND v.version = e.version
            WHERE {filter}
            """, arguments);
        using var reader = command.ExecuteReader();
        var evaluations = new List<SegmentEvaluation>();
        while (reader.Read())
        {
            evaluations.Add(new SegmentEvaluation(reader.GetString(0), reader.GetInt32(1), DateOnly.FromDateTime(reader.GetDateTime(2)), reader.GetInt64(3), reader.GetDateTime(4)));
        }

        return evaluations;
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
    public long ImportMembership(DateOnly asOf, IReadOnlyList<string> parquet)
    {
        using (var delete = _connection.Command("DELETE FROM segment_membership WHERE as_of = $1", asOf))
        {
            delete.ExecuteNonQuery();
        }

        long rows;
        using (var insert = _connection.Command(
            $"INSERT INTO segment_membership SELECT CAST(name AS VARCHAR), CAST($1 AS DATE), CAST(user_id AS BIGINT) FROM read_parquet({DuckDbCommands.FileList(parquet)}) WHERE name IS NOT NULL",
            asOf))
        {
            rows = insert.ExecuteNonQuery();
        }

        foreach (var segment in List())
        {
            Record(segment, asOf);
        }

        return rows;
    }

    /// <summary>Size, entered and exited, for every evaluated day (a day evaluated with no members is a day of size 0).</summary>
    public IReadOnlyList<SegmentDay> History(string name)
    {
        using var command = _connection.Command(
            """
            WITH ordered AS (SELECT as_of, members, lag(as_of) OVER (ORDER BY as_of) AS previous FROM segment_evaluations WHERE name = $1),
                 m AS (SELECT as_of, user_id FROM segment_membership WHERE name = $1)
            SELECT o.as_of,
                   o.members,
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
