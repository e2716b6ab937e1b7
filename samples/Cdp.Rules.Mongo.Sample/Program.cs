using Cdp.Rules;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

var catalog = MetricCatalog.FromType<Customer>();
var rule = Rule.Parse("lifetime_value >= 100 AND NOT (country STARTS WITH 'N')", catalog).Rule!;
var clock = RuleClock.AsOfDate(new DateOnly(2026, 12, 1));

// For IMongoCollection<Customer>: customers.Find(filter).ToListAsync()
FilterDefinition<Customer> filter = MongoTarget.ToFilterDefinition<Customer>(rule, clock).GetOutputOrThrow();
var rendered = filter.Render(new RenderArgs<Customer>(MongoDB.Bson.Serialization.BsonSerializer.LookupSerializer<Customer>(), MongoDB.Bson.Serialization.BsonSerializer.SerializerRegistry));
Console.WriteLine(rendered.ToJson());

public sealed class Customer
{
    public long Id { get; init; }

    [BsonElement("ltv")]
    public decimal LifetimeValue { get; init; }

    public string? Country { get; init; }
}
