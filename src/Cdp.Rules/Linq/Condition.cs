using System.Linq.Expressions;

namespace Cdp.Rules.Linq;

/// <summary>
/// A condition of three-valued logic as two plain bool expressions: "is TRUE" and "is FALSE" (both false
/// means UNKNOWN). NOT swaps them; AND and OR combine them with short-circuit operators, so the compiled
/// delegate branches like hand-written C# and an IQueryable provider can translate it.
/// </summary>
internal readonly record struct Condition(Expression IsTrue, Expression IsFalse)
{
    public Condition Negate() => new(IsFalse, IsTrue);

    public Condition NegateIf(bool negated) => negated ? Negate() : this;
}
