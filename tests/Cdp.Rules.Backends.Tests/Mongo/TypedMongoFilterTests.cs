using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace Cdp.Rules.Backends.Tests.Mongo;

/// <summary>
/// A developer's own documents, stored by the driver's class map (conventional names and [BsonElement] names),
/// selected by the typed filter through the wire stand-in: the members are the reference evaluator's.
/// (The stand-in cannot compare Decimal128, so these rules read no money metric; see MongoWireProperties.)
/// </summary>
public sealed class TypedMongoFilterTests(SharedFixture<MongoWireServer> mongo) : IClassFixture<SharedFixture<MongoWireServer>>
{
    private static readonly MetricCatalog Catalog = DeveloperCatalog.Instance;

    private static readonly RuleClock Clock = RuleClock.AtInstant(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));

    public sealed class Customer
    {
        public MongoDB.Bson.ObjectId Id { get; set; }

        [BsonElement("no")]
        public int Number { get; set; }

        [BsonElement("logins")]
        public int LoginCount30d { get; set; }

        [BsonElement("cc")]
        public string? Country { get; set; }

        public bool IsVip { get; set; }

        [BsonElement("lastOrder")]
        public DateTime? LastOrderAt { get; set; }

        [Metric("churn_score")]
        [BsonElement("risk")]
        public double? Risk { get; set; }
    }

    private static readonly Customer[] Customers =
    [
        new() { Number = 1, LoginCount30d = 5, Country = "DE", IsVip = true, LastOrderAt = new DateTime(2024, 5, 20, 0, 0, 0, DateTimeKind.Utc), Risk = 0.1 },
        new() { Number = 2, LoginCount30d = 0, Country = "NZ", IsVip = false, LastOrderAt = null, Risk = null },
        new() { Number = 3, LoginCount30d = 9, Country = null, IsVip = true, LastOrderAt = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc), Risk = 0.9 },
        new() { Number = 4, LoginCount30d = 2, Country = "DE", IsVip = false, LastOrderAt = new DateTime(2024, 5, 2, 0, 0, 0, DateTimeKind.Utc), Risk = 0.5 },
    ];

    [Theory]
    [InlineData("login_count_30d > 1 AND country = 'DE'")]
    [InlineData("is_vip AND last_order_at >= now() - 30d")]
    [InlineData("coalesce(churn_score, 1) < 0.6 OR country IS NULL")]
    [InlineData("NOT (country IN ('DE', 'FR')) AND login_count_30d >= 0")]
    [InlineData("days_since(last_order_at) > 20 AND churn_score BETWEEN 0.4 AND 1")]
    public async Task The_typed_filter_selects_the_reference_members_of_the_developers_documents(string text)
    {
        var collection = new MongoClient(mongo.Value.ConnectionString).GetDatabase("cdp").GetCollection<Customer>("customers_" + Guid.NewGuid().ToString("N")[..8]);
        await collection.InsertManyAsync(Customers.Select(c => new Customer { Number = c.Number, LoginCount30d = c.LoginCount30d, Country = c.Country, IsVip = c.IsVip, LastOrderAt = c.LastOrderAt, Risk = c.Risk }));
        var rule = Rule.Parse(text, Catalog).Rule!;
        var filter = MongoTarget.ToFilterDefinition<Customer>(rule, Clock).GetOutputOrThrow();

        var found = (await collection.Find(filter).ToListAsync()).Select(c => c.Number).Order().ToList();
        var expected = Customers.Where(c => rule.Evaluate(c, Clock) == TruthValue.True).Select(c => c.Number).ToList();
        Assert.Equal(expected, found);
    }

    [Fact]
    public void A_metric_the_document_type_lacks_is_a_diagnostic_not_a_filter_that_matches_nothing()
    {
        var result = MongoTarget.ToFilterDefinition<Customer>(Rule.Parse("lifetime_value > 100", Catalog).Rule!, Clock); // Customer has no LifetimeValue
        Assert.Null(result.Output);
        Assert.Contains("has no member for metric `lifetime_value`", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }
}
