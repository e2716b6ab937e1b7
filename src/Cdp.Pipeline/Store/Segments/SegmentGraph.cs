namespace Cdp.Pipeline.Store.Segments;

/// <summary>
/// Segments built on segments (v2 <c>in_segment</c>): which segment reads which, the order they are evaluated in
/// (every segment after those it reads, as of the same day), and the cycle a save would close.
/// </summary>
public static class SegmentGraph
{
    /// <summary>The segments in an order where each comes after the ones it reads; a segment on a cycle, or reading one, is left out.</summary>
    public static IReadOnlyList<string> Order(IReadOnlyDictionary<string, IReadOnlyCollection<string>> reads)
    {
        var order = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: being visited, true: placed
        bool Visit(string name)
        {
            if (state.TryGetValue(name, out var placed))
            {
                return placed; // being visited: a cycle
            }

            state[name] = false;
            var ok = reads.GetValueOrDefault(name, []).All(Visit) && reads.ContainsKey(name);
            state[name] = ok;
            if (ok)
            {
                order.Add(name);
            }

            return ok;
        }

        foreach (var name in reads.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name);
        }

        return order;
    }

    /// <summary>A cycle through <paramref name="start"/> (<c>a → b → a</c>), if the segments' reads close one.</summary>
    public static IReadOnlyList<string>? CycleThrough(string start, IReadOnlyDictionary<string, IReadOnlyCollection<string>> reads)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            foreach (var next in reads.GetValueOrDefault(name, []))
            {
                if (next == start)
                {
                    var path = new List<string> { name };
                    while (path[0] != start)
                    {
                        path.Insert(0, previous[path[0]]);
                    }

                    path.Add(start);
                    return path;
                }

                if (previous.TryAdd(next, name))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }
}
