namespace Cdp.Testing;

/// <summary>
/// Golden case files: one <c>input ⇶ expected</c> a line, <c>#</c> comments and blank lines ignored, each input once.
/// In the input <c>\n</c> stands for a line break and <c>\\</c> for a backslash; the expected half is literal.
/// </summary>
public static class GoldenCases
{
    public const string Separator = " ⇶ ";

    public static TheoryData<string, string> Read(string file)
    {
        var data = new TheoryData<string, string>();
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", file);
        var number = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var at = line.IndexOf(Separator, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new FormatException($"{file}:{number}: no `{Separator.Trim()}` separator");
            }

            // xUnit runs one of two identical cases and only logs the other: a copy would be a case that never ran.
            if (!seen.TryAdd(line[..at], number))
            {
                throw new FormatException($"{file}:{number}: the same input as line {seen[line[..at]]}");
            }

            data.Add(Unescape(line[..at]), line[(at + Separator.Length)..]);
        }

        return data;
    }

    private static string Unescape(string text)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is 'n' or '\\')
            {
                builder.Append(text[i + 1] == 'n' ? '\n' : '\\');
                i++;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }
}
