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
}
