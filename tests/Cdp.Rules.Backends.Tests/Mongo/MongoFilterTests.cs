using MongoDB.Bson;

namespace Cdp.Rules.Backends.Tests.Mongo;

/// <summary>Exact filters for review, and hostile text that stays data.</summary>
public class MongoFilterTests(SharedFixture<MingoEngine> mingo) : IClassFixture<SharedFixture<MingoEngine>>
{
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    public static TheoryData<string, string> Golden => GoldenCases.Read("mongo.txt");

    [Theory]
    [MemberData(nameof(Golden))]
    public void The_filter_is_pinned(string rule, string expected)
    {
        // Compared as parsed documents (as the driver's own FilterDefinitionBuilderTests do), both sides read by the
        // same JSON reader: 0.2 in the file is the double 0.2 whatever digits the writer prints, and a {"$regex": ...}
        // reads alike on both sides; element order, names and values count.
        var parsed = Rule.Parse(rule, ShopCatalog.Instance);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        var json = MongoTarget.ToJson(MongoTarget.ToFilter(parsed.Rule, Clock).GetOutputOrThrow());
        Assert.True(SameDocument(BsonDocument.Parse(expected), BsonDocument.Parse(json)), $"expected {expected}\n  actual {json}");
    }

    /// <summary>Equal elements in the same order, values of the same BSON type.</summary>
    private static bool SameDocument(BsonValue expected, BsonValue actual) => (expected, actual) switch
    {
        (BsonDocument e, BsonDocument a) => e.ElementCount == a.ElementCount
            && e.Elements.Zip(a.Elements).All(pair => pair.First.Name == pair.Second.Name && SameDocument(pair.First.Value, pair.Second.Value)),
        (BsonArray e, BsonArray a) => e.Count == a.Count && e.Zip(a).All(pair => SameDocument(pair.First, pair.Second)),
        _ => expected.BsonType == actual.BsonType && expected.Equals(actual),
    };

    [Fact]
    public void No_filter_uses_a_top_level_not()
    {
        foreach (var rule in new[] { "NOT is_buyer", "NOT (sessions_7d > 3 OR cart_rate < 0.1)", "NOT NOT NOT top_brand_30d CONTAINS 'a'" })
        {
            var json = MongoTarget.ToJson(MongoTarget.ToFilter(Rule.Parse(rule, ShopCatalog.Instance).Rule!, Clock).GetOutputOrThrow());
            Assert.DoesNotContain("\"$not\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Nested_lower_grows_with_its_depth_and_selects_the_references_members()
    {
        // Each lower reads its input four times; bound once by $let, five levels are about five times one, not 4^5.
        // (Found by the wire property: lower(lower(lower(...))) sent a filter the server dropped the connection on.)
        string Nested(int depth) => Enumerable.Range(0, depth).Aggregate("brand", (inner, _) => $"lower({inner})") + " ENDS WITH 'x]'";
        int Size(int depth) => MongoTarget.ToJson(MongoTarget.ToFilter(Rule.Parse(Nested(depth), TestCatalog.Instance).Rule!, Clock).GetOutputOrThrow()).Length;
        Assert.InRange(Size(5), Size(1), 6 * Size(1));

        var rule = Rule.Parse(Nested(5), TestCatalog.Instance).Rule!;
        TestProfile[] table = [new() { Id = 1, Brand = "BOX]" }, new() { Id = 2, Brand = "box]" }, new() { Id = 3, Brand = "BoY]" }, new() { Id = 4 }];
        mingo.Value.Load(table);
        Assert.Equal([1L, 2L], mingo.Value.Select(rule, Clock));
        Assert.Equal([1L, 2L], table.Where(p => rule.Evaluate(p.ToRow(), Clock) == TruthValue.True).Select(p => p.Id));
    }

    public static TheoryData<string> Hostile => InjectionTests.Hostile;

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_text_is_a_value_in_every_form(string value)
    {
        var literal = "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        var equal = Rule.Parse($"brand = {literal}", TestCatalog.Instance).Rule!;
        var filter = MongoTarget.ToFilter(equal, Clock).GetOutputOrThrow();
        Assert.Equal(new BsonDocument("brand", new BsonDocument("$eq", value)), filter);

        // In $expr a string starting with '$' would be a field path: it must come wrapped in $literal.
        var computed = Rule.Parse($"lower(brand) = {literal} OR brand CONTAINS {literal}", TestCatalog.Instance).Rule!;
        TestProfile[] table = [new() { Id = 1, Brand = value }, new() { Id = 2, Brand = value + "x" }, new() { Id = 3, Brand = "x" }];
        mingo.Value.Load(table);
        var expected = table.Where(p => computed.Evaluate(p.ToRow(), Clock) == TruthValue.True).Select(p => p.Id).ToList();
        Assert.Equal(expected, mingo.Value.Select(computed, Clock));
        mingo.Value.Load(table);
        Assert.Equal([1L], mingo.Value.Select(equal, Clock));
    }
}
