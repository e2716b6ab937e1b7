namespace Cdp.Rules.Syntax;

/// <summary>
/// AND and OR over conditions held as a pair "is TRUE" / "is FALSE" (neither: UNKNOWN), the form every
/// two-valued target uses: AND is TRUE when all are TRUE and FALSE when any is FALSE; OR the other way round.
/// </summary>
internal static class KleeneLogic
{
    public static (T IsTrue, T IsFalse) Combine<T>(
        LogicalOperator op, IReadOnlyList<(T IsTrue, T IsFalse)> operands, Func<IEnumerable<T>, T> all, Func<IEnumerable<T>, T> any)
    {
        var isTrue = operands.Select(o => o.IsTrue);
        var isFalse = operands.Select(o => o.IsFalse);
        return op == LogicalOperator.And ? (all(isTrue), any(isFalse)) : (any(isTrue), all(isFalse));
    }
}
