namespace Cdp.Rules.Columnar;

/// <summary>The rows a rule selects from a <see cref="ColumnTable"/> (those where it is TRUE), as a bitmap.</summary>
public sealed class Selection
{
    private readonly ulong[] _bits;
    private readonly ColumnTable _table;

    internal Selection(ulong[] bits, ColumnTable table)
    {
        _bits = bits;
        _table = table;
        Count = Bitmap.Count(bits);
    }

    /// <summary>How many rows are selected.</summary>
    public long Count { get; }

    /// <summary>The selected row indexes, ascending.</summary>
    public IEnumerable<int> Rows()
    {
        for (var w = 0; w < _bits.Length; w++)
        {
            var word = _bits[w];
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                yield return (w << 6) + bit;
                word &= word - 1;
            }
        }
    }

    /// <summary>The user_ids of the selected rows, in row order.</summary>
    public IEnumerable<long> UserIds() => Rows().Select(row => _table.Ids[row]);

    /// <summary>One page of user_ids, in row order.</summary>
    public IReadOnlyList<long> Page(int skip, int take) => UserIds().Skip(skip).Take(take).ToList();
}
