using Cdp.Pipeline.Profiles;
using Cdp.Rules;
using Cdp.Rules.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdp.Pipeline.Store.Segments;

/// <summary>
/// Profiles as one document a customer in a collection of their own (dropped when disposed); segments by
/// the MongoDB filter target through the official driver.
/// </summary>
public sealed class MongoSegmentEngine : ISegmentEngine
{
    private readonly IMongoDatabase _database;
    private readonly string _collectionName = "cdp_profiles_" + Guid.NewGuid().ToString("N")[..12];
    private readonly IMetricCatalog _catalog;

    public MongoSegmentEngine(string connectionString, IMetricCatalog catalog)
    {
        _catalog = catalog;
        var url = MongoUrl.Create(connectionString);
        _database = new MongoClient(url).GetDatabase(url.DatabaseName ?? "cdp");
    }

    private IMongoCollection<BsonDocument> Collection => _database.GetCollection<BsonDocument>(_collectionName);

    /// <inheritdoc />
    public void Load(IEnumerable<ProfileRow> profiles)
    {
        _database.DropCollection(_collectionName);
        var documents = profiles.Select(p => MongoValues.ToDocument(p.UserId, p.Metrics, _catalog)).ToList();
        if (documents.Count > 0)
        {
            Collection.InsertMany(documents);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<long> Members(Rule rule, RuleClock clock)
    {
        var filter = MongoTarget.ToFilterDefinition(rule, clock).GetOutputOrThrow();
        var members = Collection.Find(filter).Project(Builders<BsonDocument>.Projection.Include("user_id"))
            .ToList()
            .Select(d => d["user_id"].ToInt64())
            .ToList();
        members.Sort();
        return members;
    }

    /// <inheritdoc />
    public long Count(Rule rule, RuleClock clock) => Collection.CountDocuments(MongoTarget.ToFilterDefinition(rule, clock).GetOutputOrThrow());

    /// <inheritdoc />
    public void Dispose() => _database.DropCollection(_collectionName);
}
