using System.Text;

namespace Cdp.Pipeline.Events;

/// <summary>
/// Lines of a text in memory bounded by the longest line allowed, however long the input's lines are: a line
/// over the limit is read past, keeping only its beginning (for the refusal) and its length. A reader's own
/// <c>ReadLine</c> would hold a 1 GB line whole.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxLength)
{
    /// <summary>How much of a too-long line is kept, to show in the refusal.</summary>
    public const int KeptOfLongLine = 200;

    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _partial = new();
    private int _start;
    private int _end;
    private bool _done;

    /// <summary>The next line without its end (a trailing '\r' is kept); false at the end of the text.</summary>
    /// <param name="line">The line, or for one too long its first <see cref="KeptOfLongLine"/> characters.</param>
    /// <param name="length">The line's full length in characters (more than the limit when it was too long).</param>
    public bool TryRead(out string line, out long length)
    {
        _partial.Clear();
        length = 0;
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf('\n');
            var piece = newline >= 0 ? span[..newline] : span;
            Keep(piece, length);
            length += piece.Length;
            if (newline >= 0)
            {
                _start += newline + 1;
                line = _partial.ToString();
                return true;
            }

            _start = _end = 0;
            if (_done || (_end = reader.Read(_buffer, 0, _buffer.Length)) == 0)
            {
                _done = true;
                line = _partial.ToString();
                return length > 0;
            }
        }
    }

    private void Keep(ReadOnlySpan<char> piece, long before)
    {
        if (before + piece.Length <= maxLength)
        {
            _partial.Append(piece);
            return;
        }

        // The line is too long: keep only its beginning.
        _partial.Length = Math.Min(_partial.Length, KeptOfLongLine);
        _partial.Append(piece[..Math.Min(KeptOfLongLine - _partial.Length, piece.Length)]);
    }
}
