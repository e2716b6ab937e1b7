using Cdp.Pipeline.Lake;
using Cdp.Rules;
using Cdp.Rules.Syntax;
using DuckDB.NET.Data;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// v2 aggregates computed on demand over the lake, for the editor's preview of a rule whose aggregates no ETL run has
/// computed yet: the same SQL the ETL's profile query uses for them (<see cref="AggregateColumns"/>), over every
/// customer's events up to the as-of day, in an in-memory DuckDB beside the store (nothing of the store changes).
/// </summary>
public static class LakeAggregates
{
    /// <summary>Each customer's values of the rule's aggregates (by derived name, in the order of <paramref name="rule"/>'s aggregates).</summary>
    public static (IReadOnlyList<DerivedMetric> Aggregates, IReadOnlyDictionary<long, object?[]> Values) Compute(string dataDirectory, Rule rule, DateOnly asOf)
    {
        var nodes = AggregateColumns.Of([rule]);
        var values = new Dictionary<long, object?[]>();
        if (nodes.Count == 0 || EventLakeReader.Dates(dataDirectory).Count == 0)
        {
            return ([.. nodes.Select(n => n.Derived)], values);
        }

        var clock = RuleClock.AsOfDate(asOf);
        var parameters = new List<SqlParameter>();
        var columns = nodes.Select(n => AggregateColumns.Column(n.Node, SqlDialect.DuckDb, clock, parameters)).ToList();
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.Command(
            $"SELECT user_id, {string.Join(", ", columns)} FROM {LakeScan.Sql(dataDirectory)} WHERE event_date <= CAST(${parameters.Count + 1} AS DATE) GROUP BY user_id",
            [.. parameters.Select(p => p.Value), asOf]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new object?[nodes.Count];
            for (var i = 0; i < nodes.Count; i++)
            {
                row[i] = reader.IsDBNull(i + 1) ? null : MetricValues.Normalize(nodes[i].Derived.Type, Profiles.DuckDbProfileReader.Read(reader, i + 1, nodes[i].Derived.Type));
            }

            values[reader.GetInt64(0)] = row;
        }

        return ([.. nodes.Select(n => n.Derived)], values);
    }
}
