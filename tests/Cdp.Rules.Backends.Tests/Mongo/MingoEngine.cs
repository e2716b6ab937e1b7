using Cdp.Rules.Backends.Tests.Engines;
using Cdp.Rules.Mongo;
using MongoDB.Bson;

namespace Cdp.Rules.Backends.Tests.Mongo;

/// <summary>MongoDB's query semantics by the npm package mingo, over the documents MongoValues writes.</summary>
public sealed class MingoEngine : IProfileEngine, IDisposable
{
    private readonly NodeTool _tool = new("mongo-semantics", "check.mjs");
    private string? _documents;

    public string Name => "MongoDB (mingo)";

    public void Load(IReadOnlyList<TestProfile> profiles) => Load(profiles.Select(p => (p.Id, (IReadOnlyDictionary<string, object?>)p.ToRow())), TestCatalog.Instance);

    /// <summary>Profiles of any catalog (v2's hold derived columns), as MongoValues stores them.</summary>
    public void Load(IEnumerable<(long Id, IReadOnlyDictionary<string, object?> Row)> profiles, IMetricCatalog catalog) =>
        _documents = MongoTarget.ToJson(new BsonDocument("d", new BsonArray(profiles.Select(p => MongoValues.ToDocument(p.Id, p.Row, catalog)))))
            is var json ? json[(json.IndexOf('[', StringComparison.Ordinal))..json.LastIndexOf(']')] + "]" : null;

    public IReadOnlyList<long> Select(Rule rule, RuleClock clock)
    {
        var filter = MongoTarget.ToJson(MongoTarget.ToFilter(rule, clock).GetOutputOrThrow());
        var answer = _tool.Ask(_documents is null ? new { filter } : new { documents = _documents, filter });
        _documents = null;
        if (answer.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"mingo failed on {filter}: {error.GetString()}");
        }

        return answer.GetProperty("ids").EnumerateArray().Select(id => id.GetInt64()).ToList();
    }

    public void Dispose() => _tool.Dispose();
}
