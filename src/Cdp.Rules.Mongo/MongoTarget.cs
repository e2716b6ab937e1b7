using Cdp.Rules.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdp.Rules;

/// <summary>
/// The MongoDB compile target: a rule as a filter document that selects a profile document exactly when
/// the rule is TRUE, with the meaning of <see cref="Rule.Evaluate(IReadOnlyDictionary{string, object?}, RuleClock)"/> (documents as <see cref="MongoValues"/> stores them).
/// </summary>
public static class MongoTarget
{
    /// <summary>The filter as a BSON document.</summary>
    public static TargetResult<BsonDocument> ToFilter(Rule rule, RuleClock clock)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.MissingDerivedColumns() is { Count: > 0 } missing)
        {
            return new TargetResult<BsonDocument>(null, missing);
        }

        var aggregation = new AggregationCompiler(rule, clock);
        var condition = new QueryCompiler(rule, aggregation).Condition(rule.Syntax);
        return new TargetResult<BsonDocument>(condition.IsTrue.AsBsonDocument, []);
    }

    /// <summary>
    /// The filter for a collection of your own documents, <c>IMongoCollection&lt;TDocument&gt;</c>: each metric is
    /// bound to a member of <typeparamref name="TDocument"/> as the LINQ target binds it (by <see cref="MetricAttribute"/>,
    /// else by name without underscores, ignoring case) and named by the driver's class map (its
    /// <c>[BsonElement]</c> name or convention), so the filter matches the documents the driver stores. A metric
    /// with no member is a diagnostic, never a filter that silently matches nothing.
    /// </summary>
    public static TargetResult<FilterDefinition<TDocument>> ToFilterDefinition<TDocument>(Rule rule, RuleClock clock)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var map = MongoDB.Bson.Serialization.BsonClassMap.LookupClassMap(typeof(TDocument));
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var diagnostics = rule.MissingDerivedColumns().ToList();
        foreach (var metric in rule.Metrics.Concat(rule.Derived.Select(d => d.Definition)))
        {
            if (ElementOf(map, metric.Name) is { } element)
            {
                fields[metric.Name] = element;
            }
            else
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.Target,
                    $"the document type `{typeof(TDocument).Name}` has no member for metric `{metric.Name}` (name one like it, or mark one [Metric(\"{metric.Name}\")])",
                    new Syntax.TextSpan(0, rule.Text.Length), 1, 1));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new TargetResult<FilterDefinition<TDocument>>(null, diagnostics);
        }

        var aggregation = new AggregationCompiler(rule, RuleClock.Require(clock, nameof(clock)), metric => fields[metric]);
        var filter = new QueryCompiler(rule, aggregation).Condition(rule.Syntax).IsTrue.AsBsonDocument;
        return new TargetResult<FilterDefinition<TDocument>>(new BsonDocumentFilterDefinition<TDocument>(filter), []);
    }

    private static string? ElementOf(MongoDB.Bson.Serialization.BsonClassMap map, string metric) =>
        MetricMembers.Find(map.AllMemberMaps, m => m.MemberInfo, metric)?.ElementName;

    /// <summary>The filter over documents that name their fields like the metrics (as <see cref="MongoValues"/> stores them).</summary>
    public static TargetResult<FilterDefinition<BsonDocument>> ToFilterDefinition(Rule rule, RuleClock clock)
    {
        var filter = ToFilter(rule, clock);
        return new TargetResult<FilterDefinition<BsonDocument>>(
            filter.Output is null ? null : new BsonDocumentFilterDefinition<BsonDocument>(filter.Output), filter.Diagnostics);
    }

    /// <summary>The filter as relaxed extended JSON, as the command line prints it.</summary>
    public static string ToJson(BsonDocument filter) =>
        filter.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson });
}
