using System.Numerics;
using System.Runtime.CompilerServices;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>
/// A comparison of two numeric expressions, a word at a time: both sides are computed for the word's 64 rows into
/// buffers on the stack (no state, so threads share the block), compared in the order the reference uses
/// (CompareTo: a NaN below every number and equal to itself), and masked by both sides' validity. A word in which
/// int or money arithmetic overflows is decided row by row by the rule's compiled row test, which raises the
/// reference's error when the overflow is on a row that is not NULL.
/// </summary>
internal sealed class NumericCompareBlock<T>(
    NumericOperand<T> left, NumericOperand<T> right, ComparisonOperator op, int rows, Lazy<RowTest> fallback) : Block
    where T : unmanaged, INumber<T>
{
    // Which signs of the order hold (less, equal, greater), as bits: no branch on the operator inside the loop.
    private readonly ulong _less = op.Holds(-1) ? 1UL : 0;
    private readonly ulong _equal = op.Holds(0) ? 1UL : 0;
    private readonly ulong _greater = op.Holds(1) ? 1UL : 0;

    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        var first = word << 6;
        var count = Math.Min(64, rows - first);
        try
        {
            return Compare(first, count);
        }
        catch (OverflowException)
        {
            return fallback.Value.Word(first, count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (ulong IsTrue, ulong IsFalse) Compare(int first, int count)
    {
        Span<T> a = stackalloc T[count];
        Span<T> b = stackalloc T[count];
        var valid = left.Fill(first, a) & right.Fill(first, b) & (count == 64 ? ulong.MaxValue : (1UL << count) - 1);
        var matches = NumericLanes.Order<T>(a, b, _less, _equal, _greater);
        return Bitmap.Truth(valid, matches);
    }

    public override string ToString() => $"{typeof(T).Name}({left} {op.Symbol()} {right})";
}

/// <summary>A sub-rule's TRUE and FALSE tests compiled row by row (the LINQ compiler over the columns): the exact fallback.</summary>
internal sealed class RowTest(Func<int, bool> isTrue, Func<int, bool> isFalse)
{
    public Func<int, bool> IsTrue { get; } = isTrue;

    public Func<int, bool> IsFalse { get; } = isFalse;

    /// <summary>The rows [first, first + count) as a word pair; an evaluation error (an int overflow) is raised as itself.</summary>
    public (ulong IsTrue, ulong IsFalse) Word(int first, int count)
    {
        ulong t = 0, f = 0;
        for (var k = 0; k < count; k++)
        {
            if (IsTrue(first + k))
            {
                t |= 1UL << k;
            }
            else if (IsFalse(first + k))
            {
                f |= 1UL << k;
            }
        }

        return (t, f);
    }
}
