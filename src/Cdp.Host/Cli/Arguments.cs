namespace Cdp.Host.Cli;

/// <summary>
/// A verb's arguments: <c>--name value</c>, <c>--name=value</c>, flags, and positional words. Every
/// option must be one the verb declares, so a typo is reported rather than ignored.
/// </summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private Arguments(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    public static Arguments Parse(IEnumerable<string> words, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions)
    {
        var positional = new List<string>();
        var parsed = new Arguments(positional);
        using var cursor = words.GetEnumerator();
        var onlyPositional = false;
        while (cursor.MoveNext())
        {
            var word = cursor.Current;
            if (onlyPositional || !word.StartsWith("--", StringComparison.Ordinal) || word == "--")
            {
                if (word == "--" && !onlyPositional)
                {
                    onlyPositional = true;
                    continue;
                }

                positional.Add(word);
                continue;
            }

            var name = word[2..];
            string? inline = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            if (flagOptions.Contains(name) && inline is null)
            {
                parsed._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                if (inline is null && !cursor.MoveNext())
                {
                    throw new UsageException($"--{name} needs a value");
                }

                parsed._values[name] = inline ?? cursor.Current;
            }
            else
            {
                var known = valueOptions.Concat(flagOptions).Select(o => "--" + o).Order().ToList();
                throw new UsageException($"unknown option --{name}" + (known.Count > 0 ? $"; this command takes {string.Join(", ", known)}" : ""));
            }
        }

        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new UsageException($"--{name} is required");
}
