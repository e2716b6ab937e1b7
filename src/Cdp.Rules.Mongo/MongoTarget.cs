using Cdp.Rules.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdp.Rules;

/// <summary>
/// The MongoDB compile target: a rule as a filter document that selects a profile document exactly when
/// the rule is TRUE, with the meaning of <see cref="Rule.Evaluate"/> (documents as <see cref="MongoValues"/> stores them).
/// </summary>
public static class MongoTarget
{
    /// <summary>The filter as a BSON document.</summary>
    public static TargetResult<BsonDocument> ToFilter(Rule rule, RuleClock clock)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var aggregation = new AggregationCompiler(rule, clock);
        var condition = new QueryCompiler(rule, aggregation).Condition(rule.Syntax);
        return new TargetResult<BsonDocument>(condition.IsTrue.AsBsonDocument, []);
    }

    /// <summary>The filter for the driver's typed API.</summary>
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
