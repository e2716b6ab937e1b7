using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Store.Catalog;

/// <summary>A computed metric as the store keeps it: its definition, its type when it was saved, who saved it and when.</summary>
public sealed record StoredMetric(string Name, string Expression, string Description, MetricType Type, string Owner, DateTime CreatedAt)
{
    /// <summary>What rules are checked with.</summary>
    public ComputedMetric Definition => new(Name, Expression, Description);
}

/// <summary>What adding a computed metric did: the metric stored, or the verdict that refused it.</summary>
public sealed record ComputedMetricSave(StoredMetric? Metric, ComputedMetricVerdict Verdict);

/// <summary>
/// The computed metrics (v2) editors define, beside the segments in the embedded store: one catalog with the
/// declared metrics (built-ins and the JSON catalog file). A metric's expression is fixed once saved (segments that
/// name it mean what they meant when they were saved); to change one, define another and move the segments over.
/// </summary>
public sealed class ComputedMetricStore
{
    private readonly DuckDBConnection _connection;
    private readonly ProfileCatalog _catalog;

    internal ComputedMetricStore(DuckDBConnection connection, ProfileCatalog catalog)
    {
        _connection = connection;
        _catalog = catalog;
    }

    internal static void CreateSchema(DuckDBConnection connection) => connection.Execute("""
        CREATE TABLE IF NOT EXISTS computed_metrics (
          name VARCHAR PRIMARY KEY, expression VARCHAR NOT NULL, description VARCHAR NOT NULL, type VARCHAR NOT NULL,
          owner VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
        """);

    /// <summary>Every computed metric, by name.</summary>
    public IReadOnlyList<StoredMetric> List()
    {
        using var command = _connection.Command("SELECT name, expression, description, type, owner, created_at FROM computed_metrics ORDER BY name");
        using var reader = command.ExecuteReader();
        var metrics = new List<StoredMetric>();
        while (reader.Read())
        {
            MetricTypeNames.TryParse(reader.GetString(3), out var type);
            metrics.Add(new StoredMetric(reader.GetString(0), reader.GetString(1), reader.GetString(2), type, reader.GetString(4), reader.GetDateTime(5)));
        }

        return metrics;
    }

    /// <summary>The definitions rules are checked with.</summary>
    public IReadOnlyList<ComputedMetric> Definitions() => [.. List().Select(m => m.Definition)];

    /// <summary>
    /// Each metric's expression, checked: what the ETL computes the aggregates of (a metric whose expression no longer
    /// checks, because a catalog file lost a metric, is left out, as a segment's rule would be).
    /// </summary>
    public IReadOnlyList<Rule> Expressions() =>
        [.. List().Select(m => Rule.ParseExpression(m.Expression, _catalog.Catalog).Rule).OfType<Rule>()];

    /// <summary>Checks and stores a new metric; <paramref name="segments"/> are the live segments' names (an expression may not read them).</summary>
    public ComputedMetricSave Add(string? name, string? expression, string? description, string owner, IReadOnlyCollection<string> segments)
    {
        var verdict = ComputedMetricCheck.Check(name, expression, description?.Trim(), _catalog, Definitions(), segments);
        if (!verdict.Accepted)
        {
            return new ComputedMetricSave(null, verdict);
        }

        var metric = new StoredMetric(name!, expression!.Trim(), description?.Trim() ?? "", verdict.Type!.Value, owner, DateTime.UtcNow);
        using var command = _connection.Command("INSERT INTO computed_metrics VALUES ($1, $2, $3, $4, $5, $6)",
            metric.Name, metric.Expression, metric.Description, metric.Type.ToDisplayName(), metric.Owner, metric.CreatedAt);
        command.ExecuteNonQuery();
        return new ComputedMetricSave(metric, verdict);
    }

    /// <summary>Removes a metric; false when there is none of that name. The caller has made sure no segment names it.</summary>
    internal bool Remove(string name)
    {
        using var command = _connection.Command("DELETE FROM computed_metrics WHERE name = $1", name);
        return command.ExecuteNonQuery() > 0;
    }
}
