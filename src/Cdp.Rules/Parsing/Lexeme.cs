using System.Globalization;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Parsing;

/// <summary>
/// Character-level recognisers shared by the scanner (which reports lexical mistakes) and the grammar
/// (which builds the tree), so both agree on where every token ends.
/// </summary>
internal static class Lexeme
{
    public static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c);

    public static int ScanIdentifier(string text, int start)
    {
        var end = start;
        while (end < text.Length && IsIdentifierPart(text[end]))
        {
            end++;
        }

        return end;
    }

    /// <summary>Scans a quoted text starting at the quote; returns the end (past the closing quote) or -1 if unterminated.</summary>
    public static int ScanText(string text, int start, out string value)
    {
        var quote = text[start];
        var builder = new System.Text.StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    builder.Append(quote);
                    i += 2;
                    continue;
                }

                value = builder.ToString();
                return i + 1;
            }

            builder.Append(text[i]);
            i++;
        }

        value = builder.ToString();
        return -1;
    }

    /// <summary>
    /// Scans a literal that starts with a digit: a date, a timestamp, a duration, an integer, a decimal or a percentage.
    /// Returns the end, or the end with <paramref name="error"/> set when the literal cannot be represented.
    /// </summary>
    public static int ScanNumeric(string text, int start, out LiteralKind kind, out object? value, out string? error)
    {
        error = null;
        value = null;
        var i = ScanDigits(text, start);

        if (i - start == 4 && Matches(text, i, "-dd-dd"))
        {
            return ScanDateOrTimestamp(text, start, out kind, out value, out error);
        }

        var integerEnd = i;
        var isDecimal = false;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i = ScanDigits(text, i + 1);
            isDecimal = true;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = ScanDigits(text, j);
                isDecimal = true;
            }
        }

        var percent = i < text.Length && text[i] == '%';
        var digits = text.AsSpan(start, i - start);

        if (!isDecimal && !percent && i < text.Length && text[i] is 'd' or 'h' or 'w'
            && (i + 1 >= text.Length || !IsIdentifierPart(text[i + 1])))
        {
            kind = LiteralKind.Duration;
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 1_000_000)
            {
                error = $"duration `{text[start..(i + 1)]}` is too long";
                return i + 1;
            }

            var unit = text[i] switch { 'd' => DurationUnit.Days, 'h' => DurationUnit.Hours, _ => DurationUnit.Weeks };
            value = new Duration(amount, unit);
            return i + 1;
        }

        if (!isDecimal && !percent)
        {
            kind = LiteralKind.Integer;
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
            {
                value = integer;
            }
            else
            {
                error = $"number `{digits}` is too large for an int (at most 9223372036854775807)";
            }

            return integerEnd;
        }

        kind = LiteralKind.Decimal;
        var end = percent ? i + 1 : i;
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
        {
            error = $"number `{text[start..end]}` is out of range";
            return end;
        }

        if (SignificantDigits(digits) > MaxExactDigits || WithFraction(number).Scale == 0)
        {
            // decimal would round it: the rule would mean another number than it says (found by fuzzing)
            error = $"number `{text[start..end]}` has more digits than an exact decimal holds (at most {MaxExactDigits})";
            return end;
        }

        if (percent)
        {
            number /= 100m;
        }

        if (number != 0 && Math.Abs(number) < 1e-20m)
        {
            error = $"number `{text[start..end]}` is too small to be exact";
            return end;
        }

        value = WithFraction(number);
        return end;
    }

    /// <summary>The significant digits a decimal literal may have: within them every value is held exactly.</summary>
    private const int MaxExactDigits = 28;

    private static int SignificantDigits(ReadOnlySpan<char> digits)
    {
        var mantissa = digits[..(digits.IndexOfAny("eE") is var e and >= 0 ? e : digits.Length)];
        Span<char> kept = stackalloc char[mantissa.Length];
        var count = 0;
        foreach (var c in mantissa)
        {
            if (char.IsAsciiDigit(c))
            {
                kept[count++] = c;
            }
        }

        return kept[..count].Trim('0').Length;
    }

    /// <summary>Gives a decimal at least one fractional digit, so that it prints as a decimal, not an integer.</summary>
    public static decimal WithFraction(decimal number) => number + 0.0m;

    private static int ScanDateOrTimestamp(string text, int start, out LiteralKind kind, out object? value, out string? error)
    {
        error = null;
        value = null;
        var end = start + 10;
        kind = LiteralKind.Date;
        if (end < text.Length && text[end] == 'T')
        {
            kind = LiteralKind.Timestamp;
            if (!Matches(text, end, "Tdd:dd:dd"))
            {
                error = $"timestamp `{text[start..ScanTimestampLike(text, end)]}` must look like 2019-10-01T08:30:00Z";
                return ScanTimestampLike(text, end);
            }

            end += 9;
            if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
            {
                end = ScanDigits(text, end + 1);
            }

            if (end >= text.Length || text[end] != 'Z')
            {
                error = $"timestamp `{text[start..end]}` must end with Z: times are UTC";
                return end;
            }

            end++;
            var written = text[start..end];
            if (end - start > 28
                || !DateTime.TryParseExact(written, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var instant))
            {
                error = $"`{written}` is not a valid timestamp";
                return end;
            }

            value = DateTime.SpecifyKind(instant, DateTimeKind.Utc);
            return end;
        }

        var date = text[start..end];
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            error = $"`{date}` is not a valid date";
            return end;
        }

        value = day;
        return end;
    }

    private static int ScanTimestampLike(string text, int i)
    {
        while (i < text.Length && (IsIdentifierPart(text[i]) || text[i] is ':' or '.'))
        {
            i++;
        }

        return i;
    }

    private static int ScanDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Matches a shape where <c>d</c> stands for any digit and every other character for itself.</summary>
    private static bool Matches(string text, int at, string shape)
    {
        if (at + shape.Length > text.Length)
        {
            return false;
        }

        for (var k = 0; k < shape.Length; k++)
        {
            var c = text[at + k];
            if (shape[k] == 'd' ? !char.IsAsciiDigit(c) : c != shape[k])
            {
                return false;
            }
        }

        return true;
    }
}
