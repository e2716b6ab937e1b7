namespace Cdp.Pipeline.Profiles;

/// <summary>A profiles file that cannot be read, with the line and column of the mistake (both 1-based).</summary>
public sealed class ProfileFileException(int line, int column, string reason)
    : Exception($"{line}:{column}: {reason}")
{
    /// <summary>The line of the mistake.</summary>
    public int Line { get; } = line;

    /// <summary>The column of the mistake.</summary>
    public int Column { get; } = column;

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = reason;
}
