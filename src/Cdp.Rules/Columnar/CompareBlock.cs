using System.Globalization;
using System.Numerics;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>"column op constant" blocks, one class per operator so that the loop holds no branch on it.</summary>
internal static class CompareBlocks
{
    /// <summary>The block of "values op constant", NULL where <paramref name="valid"/> says so.</summary>
    /// <param name="values">The column's values.</param>
    /// <param name="valid">Its validity bitmap.</param>
    /// <param name="constant">The literal, in the column's representation.</param>
    /// <param name="op">The comparison.</param>
    /// <param name="rows">The table's rows.</param>
    /// <param name="noNulls">The column has no NULL row: a full word's validity is not read.</param>
    public static Block Of<T>(T[] values, ulong[] valid, T constant, ComparisonOperator op, int rows, bool noNulls)
        where T : unmanaged, INumber<T> => op switch
        {
            ComparisonOperator.Equal => new CompareBlock<T, Kernels.EqualTo<T>>(values, valid, constant, op, rows, noNulls),
            ComparisonOperator.NotEqual => new CompareBlock<T, Kernels.NotEqualTo<T>>(values, valid, constant, op, rows, noNulls),
            ComparisonOperator.Less => new CompareBlock<T, Kernels.LessThan<T>>(values, valid, constant, op, rows, noNulls),
            ComparisonOperator.LessOrEqual => new CompareBlock<T, Kernels.LessOrEqualTo<T>>(values, valid, constant, op, rows, noNulls),
            ComparisonOperator.Greater => new CompareBlock<T, Kernels.GreaterThan<T>>(values, valid, constant, op, rows, noNulls),
            _ => new CompareBlock<T, Kernels.GreaterOrEqualTo<T>>(values, valid, constant, op, rows, noNulls),
        };
}

/// <summary>
/// "column op constant" for one word: a <see cref="CompareWord{T, TOp}"/> (64 values compared a vector at a time,
/// masked by validity), the last partial word one by one.
/// </summary>
internal sealed class CompareBlock<T, TOp>(T[] values, ulong[] valid, T constant, ComparisonOperator op, int rows, bool noNulls) : Block
    where T : unmanaged, INumber<T>
    where TOp : struct, Kernels.IComparison<T>
{
    private readonly int _fullWords = rows >> 6;
    private readonly CompareWord<T, TOp> _word = new(values, noNulls ? null : valid, constant);

    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        if (word < _fullWords)
        {
            return _word.Word(word);
        }

        return Bitmap.Truth(valid[word], _word.Scalar(word, Math.Min(64, rows - (word << 6))));
    }

    public override TResult Fuse<TResult>(IFusion<TResult> fusion) => fusion.Fused(_word);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{typeof(T).Name}[] {op.Symbol()} {constant}");
}
