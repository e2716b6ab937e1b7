using Cdp.Rules.Parsing;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.Parsing;

/// <summary>
/// The literals at the edges of what they may hold, one scan at a time: what kind each is, where it ends, its value or
/// its error. (Mutation run 3 left these boundaries alive: a limit moved by one, a condition joined by the wrong
/// logical operator, a bound check that reads past the text.)
/// </summary>
public class LexemeTests
{
    [Theory]
    [InlineData('a', true)]
    [InlineData('z', true)]
    [InlineData('A', true)]
    [InlineData('Z', true)]
    [InlineData('_', true)]
    [InlineData('@', false)] // just before A
    [InlineData('[', false)] // just after Z
    [InlineData('`', false)] // just before a
    [InlineData('{', false)] // just after z
    [InlineData('0', false)] // a digit continues a name but does not start one
    [InlineData('é', false)]
    public void Names_start_with_an_ASCII_letter_or_an_underscore(char c, bool starts)
    {
        Assert.Equal(starts, Lexeme.IsIdentifierStart(c));
        Assert.Equal(starts || char.IsAsciiDigit(c), Lexeme.IsIdentifierPart(c));
    }

    [Fact]
    public void A_duration_of_a_million_units_is_the_longest()
    {
        Assert.Equal(new Duration(1_000_000, DurationUnit.Days), Scan("1000000d", LiteralKind.Duration, 8));
        Assert.Equal("duration `1000001w` is too long", ScanError("1000001w", LiteralKind.Duration, 8));
        Assert.Equal("duration `99999999999999999999h` is too long", ScanError("99999999999999999999h", LiteralKind.Duration, 21));
    }

    [Theory]
    [InlineData("1.5d", 3)] // a fraction is not a duration: the number ends before the unit
    [InlineData("15%d", 3)]
    [InlineData("1e3d", 3)]
    public void Only_a_whole_number_takes_a_duration_unit(string text, int end)
    {
        Lexeme.ScanNumeric(text, 0, out var kind, out _, out var error);
        Assert.Null(error);
        Assert.Equal(LiteralKind.Decimal, kind);
        Assert.Equal(end, Lexeme.ScanNumeric(text, 0, out _, out _, out _));
    }

    [Theory]
    [InlineData("2.", 1, 2L)] // a point with no digit after it is not part of the number (and nothing is read past the text)
    [InlineData("2.x", 1, 2L)]
    [InlineData("7dx", 1, 7L)] // a unit letter that goes on as a name is not a unit
    public void A_number_ends_where_its_digits_do(string text, int end, long value)
    {
        Assert.Equal(value, Scan(text, LiteralKind.Integer, end));
    }

    [Fact]
    public void The_smallest_exact_number_is_1e_minus_20()
    {
        Assert.Equal(1e-20m, Scan("1e-20", LiteralKind.Decimal, 5));
        Assert.Equal("number `1e-21` is too small to be exact", ScanError("1e-21", LiteralKind.Decimal, 5));
        Assert.Equal(0.0m, Scan("0e-30", LiteralKind.Decimal, 5)); // zero is exact however written
    }

    [Fact]
    public void A_decimal_holds_28_significant_digits_and_its_exponent_is_not_counted_among_them()
    {
        Assert.Equal(12.34567890123456789012345678m, Scan("1.234567890123456789012345678e1", LiteralKind.Decimal, 31));
        Assert.Equal(0.5m, Scan("000.500e0", LiteralKind.Decimal, 9)); // leading and trailing zeros are not significant
        Assert.Equal("number `1.2345678901234567890123456789` has more digits than an exact decimal holds (at most 28)",
            ScanError("1.2345678901234567890123456789", LiteralKind.Decimal, 30));
    }

    [Fact]
    public void A_malformed_timestamp_is_quoted_up_to_where_its_word_ends()
    {
        Assert.Equal("timestamp `2019-10-01T8:30:00.5Z` must look like 2019-10-01T08:30:00Z", ScanError("2019-10-01T8:30:00.5Z AND x", LiteralKind.Timestamp, 21));
        Assert.Equal("timestamp `2019-10-01Tx_1` must look like 2019-10-01T08:30:00Z", ScanError("2019-10-01Tx_1(", LiteralKind.Timestamp, 14));
    }

    [Fact]
    public void A_timestamp_means_the_UTC_instant_it_writes_whatever_the_machine_s_zone()
    {
        var instant = (DateTime)Scan("2019-10-01T23:30:00Z", LiteralKind.Timestamp, 20)!;
        Assert.Equal(DateTimeKind.Utc, instant.Kind);
        Assert.Equal(new DateTime(2019, 10, 1, 23, 30, 0, DateTimeKind.Utc), instant);
    }

    [Fact]
    public void A_timestamp_holds_at_most_seven_fractional_digits_and_a_trailing_point_is_not_a_fraction()
    {
        Assert.Equal(new DateTime(2019, 10, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567),
            Scan("2019-10-01T00:00:00.1234567Z", LiteralKind.Timestamp, 28));
        Assert.Equal("`2019-10-01T00:00:00.12345678Z` is not a valid timestamp", ScanError("2019-10-01T00:00:00.12345678Z", LiteralKind.Timestamp, 29));
        Assert.Equal("timestamp `2019-10-01T00:00:00` must end with Z: times are UTC", ScanError("2019-10-01T00:00:00.", LiteralKind.Timestamp, 19));
        Assert.Equal("timestamp `2019-10-01T00:00:00` must end with Z: times are UTC", ScanError("2019-10-01T00:00:00", LiteralKind.Timestamp, 19)); // at the very end of the rule
        Assert.Equal("timestamp `2019-10-01T08:30` must look like 2019-10-01T08:30:00Z", ScanError("2019-10-01T08:30 AND x", LiteralKind.Timestamp, 16));
    }

    private static object? Scan(string text, LiteralKind expectedKind, int expectedEnd)
    {
        var end = Lexeme.ScanNumeric(text, 0, out var kind, out var value, out var error);
        Assert.Null(error);
        Assert.Equal(expectedKind, kind);
        Assert.Equal(expectedEnd, end);
        return value;
    }

    private static string? ScanError(string text, LiteralKind expectedKind, int expectedEnd)
    {
        var end = Lexeme.ScanNumeric(text, 0, out var kind, out _, out var error);
        Assert.Equal(expectedKind, kind);
        Assert.Equal(expectedEnd, end);
        return error;
    }
}
