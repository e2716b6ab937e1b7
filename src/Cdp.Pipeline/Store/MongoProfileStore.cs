using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;
using Cdp.Rules.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdp.Pipeline.Store;

/// <summary>
/// Profiles in MongoDB: one document a customer (keyed by user_id, which has a unique index), loaded by
/// unordered bulk upserts; segments evaluated by the compiled filter, with an index on each metric a
/// segment reads so that the simple predicates of the filter are served by indexes.
/// </summary>
public sealed class MongoProfileStore : IProfileStore
{
    private readonly IMongoDatabase _database;
    private readonly string _collection;
    private readonly ProfileCatalog _catalog;
    private IMongoCollection<BsonDocument> _profiles;

    public MongoProfileStore(string connectionString, ProfileCatalog catalog, string collection = "profiles")
    {
        _catalog = catalog;
        _collection = collection;
        var url = MongoUrl.Create(connectionString);
        _database = new MongoClient(url).GetDatabase(url.DatabaseName ?? "cdp");
        _profiles = _database.GetCollection<BsonDocument>(collection);
        IndexUserIds(_profiles);
    }

    private static void IndexUserIds(IMongoCollection<BsonDocument> profiles) => profiles.Indexes.CreateOne(new CreateIndexModel<BsonDocument>(
        Builders<BsonDocument>.IndexKeys.Ascending("user_id"), new CreateIndexOptions { Unique = true, Name = "user_id" }));

    /// <summary>
    /// Replaces the stored profiles with these, as of a day: written whole into a collection of their own
    /// (5,000 a round trip), which then takes the collection's place by one atomic rename. A load that fails
    /// part-way drops its own collection and leaves the stored profiles as they were.
    /// </summary>
    public long Load(IEnumerable<ProfileRow> profiles, DateOnly asOf)
    {
        var incoming = $"{_collection}_incoming_{Guid.NewGuid():N}";
        var target = _database.GetCollection<BsonDocument>(incoming);
        IndexUserIds(target);
        try
        {
            var rows = Write(target, profiles, asOf);
            _database.RenameCollection(incoming, _collection, new RenameCollectionOptions { DropTarget = true });
            _profiles = _database.GetCollection<BsonDocument>(_collection);
            return rows;
        }
        catch
        {
            _database.DropCollection(incoming);
            throw;
        }
    }

    private long Write(IMongoCollection<BsonDocument> target, IEnumerable<ProfileRow> profiles, DateOnly asOf)
    {
        long rows = 0;
        var batch = new List<WriteModel<BsonDocument>>(5_000);
        var stamp = new BsonDateTime(Rules.Runtime.RuleSemantics.AtMidnight(asOf));
        foreach (var profile in profiles)
        {
            var document = MongoValues.ToDocument(profile.UserId, profile.Metrics, _catalog.Catalog);
            document["as_of"] = stamp;
            batch.Add(new ReplaceOneModel<BsonDocument>(Builders<BsonDocument>.Filter.Eq("user_id", profile.UserId), document) { IsUpsert = true });
            rows++;
            if (batch.Count == 5_000)
            {
                target.BulkWrite(batch, new BulkWriteOptions { IsOrdered = false });
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            target.BulkWrite(batch, new BulkWriteOptions { IsOrdered = false });
        }

        return rows;
    }

    /// <summary>Creates an index on every metric the rule reads (idempotent).</summary>
    public void IndexFor(Rule rule)
    {
        foreach (var metric in rule.Metrics)
        {
            _profiles.Indexes.CreateOne(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending(metric.Name),
                new CreateIndexOptions { Name = metric.Name }));
        }
    }

    /// <summary>The members of a rule's segment, evaluated by MongoDB.</summary>
    public IReadOnlyList<long> Members(Rule rule, RuleClock clock)
    {
        var filter = MongoTarget.ToFilterDefinition(rule, clock).GetOutputOrThrow();
        var members = _profiles.Find(filter).Project(Builders<BsonDocument>.Projection.Include("user_id")).ToList()
            .Select(d => d["user_id"].ToInt64()).ToList();
        members.Sort();
        return members;
    }

    public long Count() => _profiles.CountDocuments(FilterDefinition<BsonDocument>.Empty);
}
