namespace Cdp.Pipeline.Events;

/// <summary>
/// One string per distinct text for the events one reader parses: category codes and brands repeat millions of
/// times over a few thousand values. The pool belongs to its reader (a file's read, an ingest worker) and goes
/// with it; it holds at most <paramref name="capacity"/> texts, and past that gives each text a string of its own.
/// </summary>
public sealed class TextPool(int capacity = 100_000)
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>How many distinct texts are shared.</summary>
    public int Count => _texts.Count;

    /// <summary>The pool's string for the text (added when there is room).</summary>
    public string Share(ReadOnlySpan<char> text)
    {
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var shared))
        {
            return shared;
        }

        var own = text.ToString();
        if (_texts.Count < capacity)
        {
            _texts[own] = own;
        }

        return own;
    }
}
