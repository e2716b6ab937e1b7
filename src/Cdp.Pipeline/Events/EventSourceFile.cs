namespace Cdp.Pipeline.Events;

/// <summary>
/// Random access by line to an events file, for producers that pull pages over HTTP: a sparse index of
/// byte positions every <see cref="Stride"/> data lines, built once, so that a page costs a seek and at
/// most a stride of lines, whatever its offset.
/// </summary>
public sealed class EventSourceFile
{
    public const int Stride = 10_000;
    private readonly List<long> _positions = [];

    public EventSourceFile(string path)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("the HTTP source pages through plain CSV files; decompress the .gz first", nameof(path));
        }

        Path = path;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        long position = 0, line = -1;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                line++;
                if (line % Stride == 0)
                {
                    _positions.Add(position + i + 1);
                }
            }

            position += read;
        }

        Lines = Math.Max(0, line);
        using var reader = new StreamReader(path);
        if (reader.ReadLine()?.TrimEnd('\r') != EventCsvFormat.Header)
        {
            throw new InvalidDataException($"{path}:1: the header must be {EventCsvFormat.Header}");
        }
    }

    public string Path { get; }

    /// <summary>Data lines in the file (the header not counted).</summary>
    public long Lines { get; }

    /// <summary>Up to <paramref name="limit"/> data lines from the 0-based <paramref name="offset"/>, with their line numbers.</summary>
    public IReadOnlyList<EventLine> Page(long offset, int limit)
    {
        var page = new List<EventLine>(Math.Min(limit, 10_000));
        if (offset >= Lines || limit <= 0)
        {
            return page;
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var block = (int)(offset / Stride);
        stream.Position = _positions[block];
        using var reader = new StreamReader(stream);
        for (var skip = offset - (long)block * Stride; skip > 0; skip--)
        {
            reader.ReadLine();
        }

        for (var number = offset; page.Count < limit && reader.ReadLine() is { } text; number++)
        {
            text = text.TrimEnd('\r');
            page.Add(EventLine.Parse(number + 2, text));
        }

        return page;
    }
}
