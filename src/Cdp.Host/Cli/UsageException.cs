namespace Cdp.Host.Cli;

/// <summary>
/// A mistake on the command line or in an input file: printed to stderr, exit code 2. A command-line
/// mistake also points to the help; a file's mistake (which names its line and column) does not.
/// </summary>
internal sealed class UsageException(string message, bool pointToHelp = true) : Exception(message)
{
    public bool PointToHelp { get; } = pointToHelp;

    /// <summary>The command whose help to point to (<c>rules check </c>), when the mistake was found before its handler ran.</summary>
    public string? HelpFor { get; init; }
}
