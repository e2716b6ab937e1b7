using System.Globalization;
using System.Numerics;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Columnar;

/// <summary>"column op constant" blocks, one class per operator so that the loop holds no branch on it.</summary>
internal static class CompareBlocks
{
    public static Block Of<T>(T[] values, ulong[] valid, T constant, ComparisonOperator op, int rows)
        where T : unmanaged, INumber<T> => op switch
        {
            ComparisonOperator.Equal => new CompareBlock<T, Kernels.EqualTo<T>>(values, valid, constant, op, rows),
            ComparisonOperator.NotEqual => new CompareBlock<T, Kernels.NotEqualTo<T>>(values, valid, constant, op, rows),
            ComparisonOperator.Less => new CompareBlock<T, Kernels.LessThan<T>>(values, valid, constant, op, rows),
            ComparisonOperator.LessOrEqual => new CompareBlock<T, Kernels.LessOrEqualTo<T>>(values, valid, constant, op, rows),
            ComparisonOperator.Greater => new CompareBlock<T, Kernels.GreaterThan<T>>(values, valid, constant, op, rows),
            _ => new CompareBlock<T, Kernels.GreaterOrEqualTo<T>>(values, valid, constant, op, rows),
        };
}

/// <summary>
/// "column op constant" for one word: a <see cref="CompareWord{T, TOp}"/> (64 values compared a vector at a time,
/// masked by validity), the last partial word one by one.
/// </summary>
internal sealed class CompareBlock<T, TOp>(T[] values, ulong[] valid, T constant, ComparisonOperator op, int rows) : Block
    where T : unmanaged, INumber<T>
    where TOp : struct, Kernels.IComparison<T>
{
    private readonly int _fullWords = rows >> 6;
    private readonly CompareWord<T, TOp> _word = new(values, valid, constant);

    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        if (word < _fullWords)
        {
            return _word.Word(word);
        }

        var matches = _word.Scalar(word, Math.Min(64, rows - (word << 6)));
        var isValid = valid[word];
        return (isValid & matches, isValid & ~matches);
    }

    public override TResult Fuse<TResult>(IFusion<TResult> fusion) => fusion.Fused(_word);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{typeof(T).Name}[] {op.Symbol()} {constant}");
}
