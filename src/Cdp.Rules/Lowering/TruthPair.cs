namespace Cdp.Rules.Lowering;

/// <summary>
/// A condition of three-valued logic in a two-valued target: "is TRUE" and "is FALSE" (neither holds: UNKNOWN).
/// NOT swaps them, so no target ever negates an UNKNOWN into TRUE.
/// </summary>
/// <typeparam name="T">The target's boolean form (an expression, a filter document, ...).</typeparam>
public readonly record struct TruthPair<T>(T IsTrue, T IsFalse)
{
    /// <summary>NOT: TRUE where this is FALSE, and the other way round.</summary>
    public TruthPair<T> Negate() => new(IsFalse, IsTrue);

    /// <summary>NOT when <paramref name="negated"/>.</summary>
    public TruthPair<T> NegateIf(bool negated) => negated ? Negate() : this;
}
