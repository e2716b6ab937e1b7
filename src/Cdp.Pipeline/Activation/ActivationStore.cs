using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Activation;

/// <summary>
/// The outbox of membership changes, in the embedded store beside the segments. Every evaluation of a segment
/// (<see cref="Record"/>, called by the segment store inside the evaluation's transaction) writes, for each destination
/// that receives the segment, its changes against what that destination was last given: the full sync first (every
/// member entered, initial), deltas after. They are cut into batches at once, so a batch and its idempotency key are
/// fixed before anything is sent; the delivery worker then only moves batches from pending to delivered or parked.
/// </summary>
public sealed class ActivationStore : IDisposable
{
    private const string DestinationColumns = "name, kind, target, secret, segments, max_attempts, batch_size, owner, created_at";
    private const string BatchColumns = "destination, batch, segment, as_of, changes, status, attempts, created_at, next_attempt_at, delivered_at, last_error, detail";
    private readonly DuckDBConnection _connection;
    private readonly bool _ownsConnection;

    /// <param name="ownsConnection">Whether disposing this closes the connection (a connection of its own, for the delivery worker).</param>
    internal ActivationStore(DuckDBConnection connection, bool ownsConnection = false) => (_connection, _ownsConnection) = (connection, ownsConnection);

    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    internal static void CreateSchema(DuckDBConnection connection) => connection.Execute("""
        CREATE TABLE IF NOT EXISTS destinations (
          name VARCHAR PRIMARY KEY, kind VARCHAR, target VARCHAR, secret VARCHAR, segments VARCHAR, max_attempts INTEGER, batch_size INTEGER,
          owner VARCHAR, created_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS activation_state (destination VARCHAR, segment VARCHAR, user_id BIGINT);
        CREATE TABLE IF NOT EXISTS activation_synced (destination VARCHAR, segment VARCHAR, synced_at TIMESTAMP);
        CREATE TABLE IF NOT EXISTS activation_changes (
          destination VARCHAR, batch BIGINT, segment VARCHAR, version INTEGER, as_of DATE, user_id BIGINT, change VARCHAR, initial BOOLEAN,
          rule_hash VARCHAR, key VARCHAR);
        CREATE TABLE IF NOT EXISTS activation_batches (
          destination VARCHAR, batch BIGINT, segment VARCHAR, as_of DATE, changes INTEGER, status VARCHAR, attempts INTEGER, created_at TIMESTAMP,
          next_attempt_at TIMESTAMP, delivered_at TIMESTAMP, last_error VARCHAR, detail VARCHAR);
        CREATE TABLE IF NOT EXISTS activation_offsets (destination VARCHAR, part INTEGER, next_offset BIGINT);
        """);

    /// <summary>Every destination, by name.</summary>
    public IReadOnlyList<Destination> Destinations() => ReadDestinations($"SELECT {DestinationColumns} FROM destinations ORDER BY name");

    public Destination? Find(string name) => ReadDestinations($"SELECT {DestinationColumns} FROM destinations WHERE name = $1", name).FirstOrDefault();

    /// <summary>Adds a destination (checked by <see cref="DestinationCheck"/> before); false when the name is taken.</summary>
    public bool Add(Destination destination)
    {
        if (Find(destination.Name) is not null)
        {
            return false;
        }

        _connection.Execute(
            $"INSERT INTO destinations ({DestinationColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            destination.Name, destination.Kind.ToString().ToLowerInvariant(), destination.Target, destination.Secret, JsonSerializer.Serialize(destination.Segments),
            destination.MaxAttempts, destination.BatchSize, destination.Owner, destination.CreatedAt);
        return true;
    }

    /// <summary>Removes a destination with its outbox and log; false when there is none of that name.</summary>
    public bool Remove(string name)
    {
        if (Find(name) is null)
        {
            return false;
        }

        // All of it or none: a destination half removed would keep its name with no record of what it was given.
        _connection.InTransaction(() =>
        {
            foreach (var table in new[] { "activation_state", "activation_synced", "activation_changes", "activation_batches", "activation_offsets" })
            {
                _connection.Execute($"DELETE FROM {table} WHERE destination = $1", name);
            }

            _connection.Execute("DELETE FROM destinations WHERE name = $1", name);
        });
        return true;
    }

    /// <summary>
    /// Writes the changes of a segment's evaluation (its members as of <paramref name="asOf"/>, just stored) for every
    /// destination that receives it, against what each was last given, and cuts them into batches. The caller's
    /// transaction holds it together with the evaluation: both are kept, or neither.
    /// </summary>
    internal void Record(string segment, int version, string canonicalRule, DateOnly asOf)
    {
        var ruleHash = ActivationKeys.RuleHash(canonicalRule);
        var now = DateTime.UtcNow;
        foreach (var destination in Destinations().Where(d => d.Receives(segment)))
        {
            var lastBatch = Convert.ToInt64(_connection.Scalar("SELECT coalesce(max(batch), 0) FROM activation_batches"), CultureInfo.InvariantCulture);
            var initial = Convert.ToInt64(_connection.Scalar(
                "SELECT count(*) FROM activation_synced WHERE destination = $1 AND segment = $2", destination.Name, segment), CultureInfo.InvariantCulture) == 0;
            // A file destination takes an evaluation's changes whole: one CSV and one Parquet file.
            var perBatch = destination.Kind == DestinationKind.Files ? int.MaxValue : destination.BatchSize;
            _connection.Execute(
                """
                INSERT INTO activation_changes
                WITH now_members AS (SELECT DISTINCT user_id FROM segment_membership WHERE name = $1 AND as_of = $2),
                     given AS (SELECT user_id FROM activation_state WHERE destination = $3 AND segment = $1),
                     delta AS (SELECT user_id, 'entered' AS change FROM now_members ANTI JOIN given USING (user_id)
                               UNION ALL SELECT user_id, 'exited' AS change FROM given ANTI JOIN now_members USING (user_id)),
                     numbered AS (SELECT user_id, change, row_number() OVER (ORDER BY user_id, change) AS n FROM delta),
                     seen AS (SELECT user_id, change, count(*) AS times FROM activation_changes
                              WHERE destination = $3 AND segment = $1 AND as_of = $2 GROUP BY user_id, change)
                SELECT $3, $4 + (d.n - 1) // $5 + 1, $1, $6, $2, d.user_id, d.change, $7, $8,
                       sha256(concat_ws(chr(10), $1, strftime($2, '%Y-%m-%d'), CAST(d.user_id AS VARCHAR), d.change))
                         || CASE WHEN s.times IS NULL THEN '' ELSE '-' || CAST(s.times + 1 AS VARCHAR) END
                FROM numbered d LEFT JOIN seen s ON s.user_id = d.user_id AND s.change = d.change
                """,
                segment, asOf, destination.Name, lastBatch, (long)perBatch, version, initial, ruleHash);
            _connection.Execute(
                $"""
                INSERT INTO activation_batches ({BatchColumns})
                SELECT destination, batch, segment, as_of, count(*), 'pending', 0, $3, $3, NULL, NULL, NULL
                FROM activation_changes WHERE destination = $1 AND batch > $2 GROUP BY destination, batch, segment, as_of
                """, destination.Name, lastBatch, now);

            // What the destination was given becomes the evaluation's members: the delta applied, not the members copied again.
            _connection.Execute(
                "DELETE FROM activation_state WHERE destination = $1 AND segment = $2 AND user_id IN (SELECT user_id FROM activation_changes WHERE batch > $3 AND destination = $1 AND change = 'exited')",
                destination.Name, segment, lastBatch);
            _connection.Execute(
                "INSERT INTO activation_state SELECT destination, segment, user_id FROM activation_changes WHERE batch > $2 AND destination = $1 AND change = 'entered'",
                destination.Name, lastBatch);
            if (initial)
            {
                _connection.Execute("INSERT INTO activation_synced VALUES ($1, $2, $3)", destination.Name, segment, now);
            }
        }
    }

    /// <summary>
    /// The batch a destination sends next: its oldest pending one, when it is due (batches go in order, so a customer's
    /// changes arrive in the order they happened; a batch waiting for its retry holds the ones after it).
    /// </summary>
    public DeliveryBatch? NextDue(string destination, DateTime now) => Head(destination) is { NextAttemptAt: { } at } head && at <= now ? head : null;

    /// <summary>When a destination's head batch is due (null: nothing pending).</summary>
    public DateTime? NextAttemptAt(string destination) => Head(destination)?.NextAttemptAt;

    /// <summary>A destination's oldest pending batch: the one it sends next.</summary>
    private DeliveryBatch? Head(string destination) =>
        ReadBatches($"SELECT {BatchColumns} FROM activation_batches WHERE destination = $1 AND status = 'pending' ORDER BY batch LIMIT 1", destination).FirstOrDefault();

    /// <summary>The changes of a batch, in the order they were written.</summary>
    public IReadOnlyList<MembershipChange> Changes(string destination, long batch) => _connection.Rows(
        "SELECT segment, version, as_of, user_id, change, initial, rule_hash, key FROM activation_changes WHERE batch = $2 AND destination = $1 ORDER BY user_id, change",
        reader => new MembershipChange(reader.GetString(0), reader.GetInt32(1), DateOnly.FromDateTime(reader.GetDateTime(2)), reader.GetInt64(3),
            reader.GetString(4), reader.GetBoolean(5), reader.GetString(6), reader.GetString(7)),
        destination, batch);

    /// <summary>Counts an attempt before it is made: a restart then knows the batch may have been (partly) sent.</summary>
    public void StartAttempt(string destination, long batch) => _connection.Execute("UPDATE activation_batches SET attempts = attempts + 1 WHERE destination = $1 AND batch = $2", destination, batch);

    /// <summary>
    /// A batch acknowledged, with the Kafka offsets after it (if any) in the same transaction: a crash between the two
    /// would leave offsets past a batch still pending, and its resume would not find what it had sent.
    /// </summary>
    public void MarkDelivered(string destination, long batch, string? detail, IReadOnlyDictionary<int, long>? nextOffsets = null) => _connection.InTransaction(() =>
    {
        foreach (var (part, offset) in nextOffsets ?? new Dictionary<int, long>())
        {
            _connection.Execute("DELETE FROM activation_offsets WHERE destination = $1 AND part = $2", destination, part);
            _connection.Execute("INSERT INTO activation_offsets VALUES ($1, $2, $3)", destination, part, offset);
        }

        _connection.Execute(
            "UPDATE activation_batches SET status = 'delivered', delivered_at = $3, next_attempt_at = NULL, detail = $4 WHERE destination = $1 AND batch = $2",
            destination, batch, DateTime.UtcNow, detail);
    });

    /// <summary>A failed attempt: tried again at <paramref name="retryAt"/>, or parked with its error when that is null.</summary>
    public void MarkFailed(string destination, long batch, string error, DateTime? retryAt) => _connection.Execute(
        "UPDATE activation_batches SET status = $3, next_attempt_at = $4, last_error = $5 WHERE destination = $1 AND batch = $2",
        destination, batch, retryAt is null ? "parked" : "pending", retryAt, error);

    /// <summary>Puts parked batches (one, or all of the destination's) back in line, due now with fresh attempts; how many.</summary>
    public int Replay(string destination, long? batch = null)
    {
        const string Parked = "UPDATE activation_batches SET status = 'pending', attempts = 0, next_attempt_at = $2 WHERE destination = $1 AND status = 'parked'";
        return batch is { } one
            ? _connection.Execute(Parked + " AND batch = $3", destination, DateTime.UtcNow, one)
            : _connection.Execute(Parked, destination, DateTime.UtcNow);
    }

    /// <summary>Batches by where they stand, per destination.</summary>
    public IReadOnlyDictionary<string, DeliveryCounts> Counts() => _connection.Rows(
        """
        SELECT d.name, count(*) FILTER (WHERE b.status = 'delivered'), count(*) FILTER (WHERE b.status = 'pending'), count(*) FILTER (WHERE b.status = 'parked')
        FROM destinations d LEFT JOIN activation_batches b ON b.destination = d.name GROUP BY d.name
        """,
        reader => (Name: reader.GetString(0), Counts: new DeliveryCounts(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3))))
        .ToDictionary(c => c.Name, c => c.Counts, StringComparer.Ordinal);

    /// <summary>A destination's batches, newest first: the delivery log.</summary>
    public IReadOnlyList<DeliveryBatch> Log(string destination, int limit = 100) =>
        ReadBatches($"SELECT {BatchColumns} FROM activation_batches WHERE destination = $1 ORDER BY batch DESC LIMIT $2", destination, limit);

    /// <summary>The Kafka offsets after what a destination has delivered, by partition: where a restart looks for what it sent.</summary>
    public IReadOnlyDictionary<int, long> Offsets(string destination) =>
        _connection.Rows("SELECT part, next_offset FROM activation_offsets WHERE destination = $1", reader => (Part: reader.GetInt32(0), Next: reader.GetInt64(1)), destination)
            .ToDictionary(o => o.Part, o => o.Next);

    private List<Destination> ReadDestinations(string sql, params object[] arguments) => _connection.Rows(sql, reader => new Destination(
        reader.GetString(0),
        Enum.Parse<DestinationKind>(reader.GetString(1), ignoreCase: true),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [],
        reader.GetInt32(5),
        reader.GetInt32(6),
        reader.GetString(7),
        reader.GetDateTime(8)), arguments);

    private List<DeliveryBatch> ReadBatches(string sql, params object[] arguments) => _connection.Rows(sql, reader => new DeliveryBatch(
        reader.GetString(0), reader.GetInt64(1), reader.GetString(2), DateOnly.FromDateTime(reader.GetDateTime(3)), reader.GetInt32(4),
        Enum.Parse<BatchStatus>(reader.GetString(5), ignoreCase: true), reader.GetInt32(6), reader.GetDateTime(7),
        reader.IsDBNull(8) ? null : reader.GetDateTime(8), reader.IsDBNull(9) ? null : reader.GetDateTime(9),
        reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11)), arguments);
}
