namespace Cdp.Pipeline;

/// <summary>
/// Cells of the CSV files the platform writes (profiles, segment members, rejected lines, run history). A text
/// that a spreadsheet would run as a formula (it begins with '=', '+', '-', '@', a tab or a carriage return) is
/// written behind an apostrophe, as OWASP advises, and so is a text that itself begins with an apostrophe, so
/// that <see cref="Restore"/> gives back exactly what was written. Numbers are never text here: a negative
/// amount stays a number.
/// </summary>
public static class CsvCell
{
    /// <summary>A text made harmless for a spreadsheet.</summary>
    public static string Defuse(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'' ? "'" + text : text;

    /// <summary>The text a <see cref="Defuse"/>d cell stands for.</summary>
    public static string Restore(string cell) => cell.StartsWith('\'') ? cell[1..] : cell;

    /// <summary>The cell as CSV: quoted when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>A text as a safe CSV cell, always in quotes (the rejected file and the run history quote every text).</summary>
    public static string QuotedText(string text) => "\"" + Defuse(text).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A text as a safe CSV cell: defused, then quoted when it must be.</summary>
    public static string Text(string text) => Quote(Defuse(text));
}
