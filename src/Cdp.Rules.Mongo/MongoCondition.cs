using MongoDB.Bson;

namespace Cdp.Rules.Mongo;

/// <summary>
/// A condition as two BSON forms, "is TRUE" and "is FALSE" (neither: UNKNOWN). MongoDB has no UNKNOWN,
/// so NOT swaps the two instead of negating, and no filter ever needs a bare $not.
/// </summary>
internal readonly record struct MongoCondition(BsonValue IsTrue, BsonValue IsFalse)
{
    public MongoCondition Negate() => new(IsFalse, IsTrue);

    public MongoCondition NegateIf(bool negated) => negated ? Negate() : this;
}
