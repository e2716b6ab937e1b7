using Cdp.Rules.Syntax;

namespace Cdp.Rules.Diagnostics;

/// <summary>The rule text, with line and column look-up for diagnostics.</summary>
internal sealed class SourceText(string text)
{
    public string Text { get; } = text;

    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (Text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    public Diagnostic Diagnostic(string code, string message, TextSpan span)
    {
        var (line, column) = Position(span.Start);
        return new Diagnostic(code, message, span, line, column);
    }

    public string Slice(TextSpan span) => Text.Substring(span.Start, Math.Min(span.Length, Text.Length - span.Start));
}
