using System.Buffers;

namespace Cdp.Rules.Columnar;

/// <summary>
/// The rows a rule selects from a <see cref="ColumnTable"/> (those where it is TRUE), as a bitmap. Disposing it gives
/// the bitmap back to a pool, so the next evaluation writes into memory already mapped instead of a fresh megabyte or
/// more (whose first touch of each page costs more than the rule's own work on ten million rows); after that
/// <see cref="Count"/> still answers, and the rows are gone. A selection that is not disposed is simply collected.
/// </summary>
public sealed class Selection : IDisposable
{
    private readonly int _words;
    private readonly ColumnTable _table;
    private ulong[]? _bits;

    private Selection(ulong[] bits, int words, long count, ColumnTable table)
    {
        _bits = bits;
        _words = words;
        _table = table;
        Count = count;
    }

    /// <summary>
    /// A selection of <paramref name="table"/>'s rows whose bitmap <paramref name="fill"/> writes (every word of the
    /// table) into a pooled array, returning how many rows it set.
    /// </summary>
    internal static Selection Of(ColumnTable table, Func<ulong[], long> fill) => Of(table, 1, bits => [fill(bits[0])])[0];

    /// <summary>
    /// One selection of <paramref name="table"/>'s rows per bitmap that <paramref name="fill"/> writes (every word of the
    /// table, in <paramref name="count"/> pooled arrays), returning how many rows each sets.
    /// </summary>
    internal static IReadOnlyList<Selection> Of(ColumnTable table, int count, Func<IReadOnlyList<ulong[]>, long[]> fill)
    {
        var words = Bitmap.Words(table.RowCount);
        var bits = Enumerable.Range(0, count).Select(_ => ArrayPool<ulong>.Shared.Rent(words)).ToList();
        long[] counts;
        try
        {
            counts = fill(bits);
        }
        catch
        {
            bits.ForEach(GiveBack);
            throw;
        }

        return [.. bits.Select((b, i) => new Selection(b, words, counts[i], table))];
    }

    /// <summary>How many rows are selected.</summary>
    public long Count { get; }

    /// <summary>The selected row indexes, ascending.</summary>
    /// <exception cref="ObjectDisposedException">The selection was disposed (also while its rows are being enumerated).</exception>
    public IEnumerable<int> Rows()
    {
        ObjectDisposedException.ThrowIf(_bits is null, this);
        return RowsOf();
    }

    private IEnumerable<int> RowsOf()
    {
        for (var w = 0; w < _words; w++)
        {
            var bits = _bits;
            ObjectDisposedException.ThrowIf(bits is null, this);
            var word = bits[w];
            while (word != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                yield return (w << 6) + bit;
                word &= word - 1;
            }
        }
    }

    /// <summary>The user_ids of the selected rows, in row order.</summary>
    /// <exception cref="ObjectDisposedException">The selection was disposed.</exception>
    public IEnumerable<long> UserIds() => Rows().Select(row => _table.Ids[row]);

    /// <summary>One page of user_ids, in row order.</summary>
    /// <exception cref="ObjectDisposedException">The selection was disposed.</exception>
    public IReadOnlyList<long> Page(int skip, int take) => UserIds().Skip(skip).Take(take).ToList();

    /// <summary>Gives the bitmap back to the pool; <see cref="Count"/> still answers, the rows throw.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _bits, null) is { } bits)
        {
            GiveBack(bits);
        }
    }

    // An empty table's bitmap is the shared empty array, not the pool's.
    private static void GiveBack(ulong[] bits)
    {
        if (bits.Length > 0)
        {
            ArrayPool<ulong>.Shared.Return(bits);
        }
    }
}
