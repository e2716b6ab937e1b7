namespace Cdp.Host.Cli;

/// <summary>
/// A command's parsed arguments as its handler reads them: option values by name (without the dashes), flags, and
/// positional words. System.CommandLine parses the words (<see cref="CommandTree"/>); this is what it found.
/// </summary>
internal sealed class Arguments(IReadOnlyDictionary<string, string> values, IReadOnlySet<string> flags, IReadOnlyList<string> positional)
{
    public IReadOnlyList<string> Positional { get; } = positional;

    public bool Flag(string name) => flags.Contains(name);

    public string? Value(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new UsageException($"--{name} is required");

    /// <summary>The <c>--data</c> folder, which must exist: a command that reads a store never creates an empty one by a typo.</summary>
    public string ExistingData()
    {
        var data = Required("data");
        return Directory.Exists(data) ? data : throw new UsageException($"no data folder at {data}", pointToHelp: false);
    }
}
