using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
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
/// "column op constant" for one word: 64 values compared a vector at a time (Vector512 where the machine has it, else
/// Vector256, else one by one; the last partial word one by one), masked by validity.
/// </summary>
internal sealed class CompareBlock<T, TOp>(T[] values, ulong[] valid, T constant, ComparisonOperator op, int rows) : Block
    where T : unmanaged, INumber<T>
    where TOp : struct, Kernels.IComparison<T>
{
    private readonly int _fullWords = rows >> 6;

    public override (ulong IsTrue, ulong IsFalse) Word(int word)
    {
        ulong matches;
        if (word >= _fullWords)
        {
            matches = ScalarWord(word);
        }
        else if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && 64 % Vector512<T>.Count == 0)
        {
            matches = Vector512Word(word);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && 64 % Vector256<T>.Count == 0)
        {
            matches = Vector256Word(word);
        }
        else
        {
            matches = ScalarWord(word);
        }

        var isValid = valid[word];
        return (isValid & matches, isValid & ~matches);
    }

    private ulong Vector512Word(int word)
    {
        var c = Vector512.Create(constant);
        ref var start = ref values[0];
        var first = (nuint)(word << 6);
        ulong bits = 0;
        for (var k = 0; k < 64; k += Vector512<T>.Count)
        {
            bits |= TOp.Vector(Vector512.LoadUnsafe(ref start, first + (nuint)k), c).ExtractMostSignificantBits() << k;
        }

        return bits;
    }

    private ulong Vector256Word(int word)
    {
        var c = Vector256.Create(constant);
        ref var start = ref values[0];
        var first = (nuint)(word << 6);
        ulong bits = 0;
        for (var k = 0; k < 64; k += Vector256<T>.Count)
        {
            bits |= (ulong)TOp.Vector(Vector256.LoadUnsafe(ref start, first + (nuint)k), c).ExtractMostSignificantBits() << k;
        }

        return bits;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{typeof(T).Name}[] {op.Symbol()} {constant}");

    private ulong ScalarWord(int word)
    {
        var first = word << 6;
        var count = Math.Min(64, rows - first);
        ulong bits = 0;
        for (var i = 0; i < count; i++)
        {
            if (TOp.Scalar(values[first + i], constant))
            {
                bits |= 1UL << i;
            }
        }

        return bits;
    }
}
