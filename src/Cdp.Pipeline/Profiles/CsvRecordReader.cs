using System.Text;

namespace Cdp.Pipeline.Profiles;

/// <summary>
/// RFC 4180 records from a text stream, one at a time, with the line and column where each field starts,
/// so that every error can say where it is. Quoted fields may hold commas, doubled quotes and line breaks.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private int _line = 1;
    private int _column = 1;
    private int _peeked = -2;

    public readonly record struct Field(string Text, bool Quoted, int Line, int Column);

    /// <summary>The next record, or null at the end; the line it started on comes with it.</summary>
    public (List<Field> Fields, int Line)? Read()
    {
        if (Peek() < 0)
        {
            return null;
        }

        var startLine = _line;
        var fields = new List<Field>();
        while (true)
        {
            fields.Add(ReadField());
            var next = Next();
            if (next == ',')
            {
                continue;
            }

            if (next == '\r' && Peek() == '\n')
            {
                Next();
            }

            return (fields, startLine);
        }
    }

    private Field ReadField()
    {
        var line = _line;
        var column = _column;
        var builder = new StringBuilder();
        if (Peek() != '"')
        {
            while (Peek() is >= 0 and not (',' or '\n' or '\r'))
            {
                builder.Append((char)Next());
            }

            return new Field(builder.ToString(), false, line, column);
        }

        Next();
        while (true)
        {
            var c = Next();
            if (c < 0)
            {
                throw new ProfileFileException(line, column, "a quoted field is never closed");
            }

            if (c == '"')
            {
                if (Peek() == '"')
                {
                    builder.Append((char)Next());
                    continue;
                }

                if (Peek() is >= 0 and not (',' or '\n' or '\r'))
                {
                    throw new ProfileFileException(_line, _column, "unexpected text after a closing quote");
                }

                return new Field(builder.ToString(), true, line, column);
            }

            builder.Append((char)c);
        }
    }

    private int Peek()
    {
        if (_peeked == -2)
        {
            _peeked = reader.Read();
        }

        return _peeked;
    }

    private int Next()
    {
        var c = Peek();
        _peeked = -2;
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else if (c >= 0)
        {
            _column++;
        }

        return c;
    }
}
