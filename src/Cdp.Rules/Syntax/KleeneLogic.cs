namespace Cdp.Rules.Syntax;

/// <summary>
/// AND and OR over conditions held as a pair "is TRUE" / "is FALSE" (neither: UNKNOWN), the form every
/// two-valued target uses: AND is TRUE when all are TRUE and FALSE when any is FALSE; OR the other way round.
/// The LINQ and MongoDB targets lower AND and OR with it; a target of your own can too (<c>T</c> is whatever
/// your target's boolean expression is, the <c>all</c> and <c>any</c> arguments its conjunction and disjunction).
/// </summary>
public static class KleeneLogic
{
    /// <summary>The "is TRUE" / "is FALSE" pair of an AND or OR of <paramref name="operands"/>.</summary>
    /// <param name="op">AND or OR.</param>
    /// <param name="operands">Each operand's pair.</param>
    /// <param name="all">The target's conjunction.</param>
    /// <param name="any">The target's disjunction.</param>
    public static (T IsTrue, T IsFalse) Combine<T>(
        LogicalOperator op, IReadOnlyList<(T IsTrue, T IsFalse)> operands, Func<IEnumerable<T>, T> all, Func<IEnumerable<T>, T> any)
    {
        ArgumentNullException.ThrowIfNull(operands);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(any);
        var isTrue = operands.Select(o => o.IsTrue);
        var isFalse = operands.Select(o => o.IsFalse);
        return op == LogicalOperator.And ? (all(isTrue), any(isFalse)) : (any(isTrue), all(isFalse));
    }
}
