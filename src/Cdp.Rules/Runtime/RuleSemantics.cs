using System.ComponentModel;

namespace Cdp.Rules.Runtime;

/// <summary>
/// The operations whose meaning the language fixes and every in-process evaluator shares: the
/// reference interpreter calls them directly and compiled LINQ expressions call them by reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RuleSemantics
{
    /// <summary>The scale of a money quotient: money division rounds half away from zero to this many places.</summary>
    public const int MoneyQuotientScale = 6;

    /// <summary>Money division: NULL for a zero divisor, else the quotient rounded to <see cref="MoneyQuotientScale"/> places.</summary>
    public static decimal? DivideMoney(decimal? left, decimal? right) =>
        left is not { } l || right is not { } r || r == 0m
            ? null
            : Math.Round(l / r, MoneyQuotientScale, MidpointRounding.AwayFromZero);

    /// <summary>Floating-point division: NULL for a zero divisor.</summary>
    public static double? DivideNumber(double? left, double? right) =>
        left is not { } l || right is not { } r || r == 0d ? null : l / r;

    /// <summary>Whole UTC calendar days from the instant's date to <paramref name="today"/>.</summary>
    public static long? DaysSince(DateTime? instant, DateOnly today) =>
        instant is { } value ? today.DayNumber - DateOnly.FromDateTime(value).DayNumber : null;

    /// <summary>
    /// Lower case for ASCII letters only (A-Z to a-z); every other character stays as it is. Engines
    /// disagree on the rest of Unicode (PostgreSQL follows the database locale, MongoDB's $toLower is
    /// ASCII-only, .NET and DuckDB differ on 'İ'), so this is the meaning all of them can share.
    /// </summary>
    public static string? Lower(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            }
        });
    }

    /// <summary>The letters <see cref="Lower"/> folds, for targets that spell it with translate().</summary>
    public const string AsciiUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>What <see cref="AsciiUpper"/> folds to.</summary>
    public const string AsciiLower = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// Orders two texts by Unicode code point, as -1, 0 or 1: the order of UTF-8 bytes, which is what
    /// SQL engines with a binary ("C") collation and MongoDB use. UTF-16 ordinal order differs from it
    /// where a character at U+E000 and above meets a surrogate pair, so surrogates are moved up here.
    /// </summary>
    public static int CompareText(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            int a = left[i], b = right[i];
            if (a != b)
            {
                if (a >= 0xD800 && b >= 0xD800)
                {
                    a += a >= 0xE000 ? -0x800 : 0x2000;
                    b += b >= 0xE000 ? -0x800 : 0x2000;
                }

                return a < b ? -1 : 1;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    /// <summary>Ordinal, literal CONTAINS.</summary>
    public static bool Contains(string text, string part) => text.Contains(part, StringComparison.Ordinal);

    /// <summary>Ordinal, literal STARTS WITH.</summary>
    public static bool StartsWith(string text, string prefix) => text.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>Ordinal, literal ENDS WITH.</summary>
    public static bool EndsWith(string text, string suffix) => text.EndsWith(suffix, StringComparison.Ordinal);

    /// <summary>True when the list holds the item, compared ordinally.</summary>
    public static bool Has(IEnumerable<string> list, string item)
    {
        foreach (var element in list)
        {
            if (string.Equals(element, item, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Money as a number: the double nearest to the exact decimal, as SQL engines convert. (A plain
    /// <c>(double)</c> cast of a decimal can miss the nearest double by one unit in the last place.)
    /// </summary>
    public static double MoneyToNumber(decimal value)
    {
        // Fast and still exact: a mantissa below 2^53 and a power of ten up to 10^22 are both doubles exactly,
        // and IEEE division rounds their quotient once, to the nearest double, as parsing the digits does.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] == 0 && (uint)bits[1] < (1u << 21) && scale < ExactPowersOfTen.Length)
        {
            var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            var quotient = mantissa / ExactPowersOfTen[scale];
            return bits[3] < 0 ? -quotient : quotient;
        }

        return double.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Money held as <paramref name="units"/> x 10^-<paramref name="scale"/> (the columnar layout), as a number: the same double as <see cref="MoneyToNumber"/>.</summary>
    internal static double ScaledMoneyToNumber(long units, int scale)
    {
        if (units > -(1L << 53) && units < 1L << 53 && scale < ExactPowersOfTen.Length)
        {
            return units / ExactPowersOfTen[scale]; // the fast path of MoneyToNumber, without building the decimal
        }

        var magnitude = units < 0 ? (ulong)(-(units + 1)) + 1 : (ulong)units;
        return MoneyToNumber(new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, units < 0, (byte)scale));
    }

    /// <summary>The powers of ten a double holds exactly (10^0 to 10^22).</summary>
    internal static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Midnight UTC at the start of the date, the instant a date stands for beside timestamps.</summary>
    public static DateTime AtMidnight(DateOnly date) => DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
}
