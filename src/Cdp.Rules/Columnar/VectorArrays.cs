using System.Buffers;

namespace Cdp.Rules.Columnar;

/// <summary>
/// The intermediate arrays of one numeric evaluation, rented from the shared pool and all returned at the end:
/// a million-row comparison with arithmetic would otherwise allocate several 8 MB arrays each time, and in a
/// process with a large heap every such allocation can cost a full collection.
/// </summary>
internal sealed class VectorArrays(int rows, int parallelism = 1) : IDisposable
{
    private readonly List<long[]> _longs = [];
    private readonly List<double[]> _doubles = [];

    /// <summary>The rows every array covers (a rented array may be longer; only these are used).</summary>
    public int Rows { get; } = rows;

    /// <summary>The threads a whole-column loop of this evaluation may use (<see cref="RowRanges"/>).</summary>
    public int Parallelism { get; } = parallelism;

    public long[] Longs()
    {
        var array = ArrayPool<long>.Shared.Rent(Math.Max(Rows, 1));
        _longs.Add(array);
        return array;
    }

    public double[] Doubles()
    {
        var array = ArrayPool<double>.Shared.Rent(Math.Max(Rows, 1));
        _doubles.Add(array);
        return array;
    }

    public void Dispose()
    {
        _longs.ForEach(a => ArrayPool<long>.Shared.Return(a));
        _doubles.ForEach(a => ArrayPool<double>.Shared.Return(a));
        _longs.Clear();
        _doubles.Clear();
    }
}
