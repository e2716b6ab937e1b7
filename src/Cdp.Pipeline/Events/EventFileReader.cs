using System.IO.Compression;

namespace Cdp.Pipeline.Events;

/// <summary>
/// Streams an events file (plain CSV, or gzip when the name ends in .gz) line by line in constant memory,
/// however long a line is (a line over <see cref="EventLimits.MaxLineLength"/> is one refused line).
/// A wrong header stops the read; a bad data line is reported as an <see cref="EventLine"/> with its reason,
/// and reading goes on.
/// </summary>
public static class EventFileReader
{
    /// <summary>Opens a file, decompressing .gz.</summary>
    public static TextReader Open(string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>Every data line of the file, in order.</summary>
    public static IEnumerable<EventLine> ReadFile(string path)
    {
        using var reader = Open(path);
        foreach (var line in Read(reader, path))
        {
            yield return line;
        }
    }

    /// <summary>Every data line of the text, in order; <paramref name="source"/> names it in errors.</summary>
    public static IEnumerable<EventLine> Read(TextReader reader, string source)
    {
        var lines = new BoundedLineReader(reader, EventLimits.MaxLineLength);
        var texts = new TextPool();
        var header = lines.TryRead(out var first, out _) ? first : null;
        if (header is null)
        {
            throw new InvalidDataException($"{source}:1: the file is empty; it must start with the header {EventCsvFormat.Header}");
        }

        if (header.TrimEnd('\r') != EventCsvFormat.Header)
        {
            throw new InvalidDataException($"{source}:1: the header must be {EventCsvFormat.Header}");
        }

        long number = 1;
        while (lines.TryRead(out var text, out var length))
        {
            number++;
            if (length > EventLimits.MaxLineLength)
            {
                yield return new EventLine(number, null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the line has {length:N0} characters, more than {EventLimits.MaxLineLength:N0}; its beginning is kept here"), text);
                continue;
            }

            text = text.TrimEnd('\r');
            if (text.Length == 0)
            {
                continue;
            }

            yield return EventLine.Parse(number, text, texts);
        }
    }
}
