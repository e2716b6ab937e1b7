using Cdp.Rules.Syntax;

namespace Cdp.Rules;

/// <summary>
/// A user mistake in a rule, as a value: where it is, what was found, what was expected, and a fix
/// when one is known. Printed as <c>line:column: message</c>.
/// </summary>
/// <param name="Code">A stable identifier such as <c>CDP0101</c>, for tools and documentation.</param>
/// <param name="Message">The sentence shown to people.</param>
/// <param name="Span">The offending text.</param>
/// <param name="Line">1-based line of the span's start.</param>
/// <param name="Column">1-based column of the span's start, in UTF-16 code units.</param>
public sealed record Diagnostic(string Code, string Message, TextSpan Span, int Line, int Column)
{
    /// <summary>What the rule holds at the span, as written (e.g. <c>&amp;&amp;</c>, <c>end of rule</c>).</summary>
    public string? Found { get; init; }

    /// <summary>What would have been valid there.</summary>
    public string? Expected { get; init; }

    /// <summary>Text that can replace <see cref="Span"/> to fix the mistake (a did-you-mean), if any.</summary>
    public string? Suggestion { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}: {Message}";
}
