using Cdp.Pipeline.Store.Segments;
using Cdp.Rules.Backends.Tests.Engines;
using FsCheck;
using FsCheck.Xunit;

namespace Cdp.Rules.Backends.Tests.Mongo;

public sealed class MongoWireFixture : IDisposable
{
    public MongoWireFixture()
    {
        Engine = new PipelineEngine("MongoDB wire", new MongoSegmentEngine(Server.ConnectionString, TestCatalog.Instance));
    }

    public MongoWireServer Server { get; } = new();

    public PipelineEngine Engine { get; }

    public void Dispose()
    {
        Engine.Dispose();
        Server.Dispose();
    }
}

/// <summary>
/// The same filters through the official MongoDB.Driver, the documents stored with their BSON types
/// (Int64, dates, arrays, ...) in a wire-protocol stand-in. The stand-in evaluates queries with mingo on
/// bson's JavaScript objects, where a Decimal128 does not compare with numbers at all: rules that touch
/// money are left to the mingo property (money as doubles) and to a real MongoDB (docker/).
/// </summary>
public class MongoWireProperties(MongoWireFixture mongo) : IClassFixture<MongoWireFixture>
{
    [Property(MaxTest = 500, MaxRejected = 5000)]
    public Property Driver_filter_selects_the_reference_members() =>
        Differential.SameMembers(mongo.Engine, MongoSemanticsProperties.Filter,
            rule => !MongoSemanticsProperties.Any(rule, node => rule.TypeOf(node) == MetricType.Money));

    [Fact]
    public void Nested_lower_goes_through_the_wire()
    {
        // The property's find: three levels of lower over 200 profiles made a filter of 4^3 copies of the input, each
        // folded once per character of the fold around it, and the stand-in dropped the connection after minutes. Its
        // size is pinned in MongoFilterTests; here the bound form ($let) goes through the driver and the stand-in.
        var rule = Rule.Parse("lower(lower(lower(brand))) NOT ENDS WITH '[x]' AND lower(lower(lower('Electronics.X'))) = 'electronics.x'", TestCatalog.Instance).Rule!;
        TestProfile[] profiles = [new() { Id = 1, Brand = "A[X]" }, new() { Id = 2, Brand = "[x]b" }, new() { Id = 3 }, new() { Id = 4, Brand = "ÄB[x]" }];
        mongo.Engine.Load(profiles);

        Assert.Equal([2L], mongo.Engine.Select(rule, ValuePools.Clock));
        Assert.Equal([2L], profiles.Where(p => rule.Evaluate(p.ToRow(), ValuePools.Clock) == TruthValue.True).Select(p => p.Id));
    }
}
