using System.Globalization;
using Cdp.Rules.Runtime;

namespace Cdp.Rules.Tests.Runtime;

/// <summary>
/// The meanings every target shares: lower() folds A-Z only; texts order by code point (UTF-8 byte order, which UTF-16
/// order is not where a character from U+E000 up meets a surrogate pair); money becomes the double nearest to it,
/// on the fast path and off it, from a decimal and from the columnar layout's scaled units.
/// </summary>
public class RuleSemanticsTests
{
    [Theory]
    [InlineData("AZaz@[`{", "azaz@[`{")]
    [InlineData("ÄÖÜ İ", "ÄÖÜ İ")]
    [InlineData("Z", "z")]
    [InlineData("A", "a")]
    public void Lower_folds_the_ascii_letters_and_nothing_else(string text, string lower) => Assert.Equal(lower, RuleSemantics.Lower(text));

    [Theory]
    [InlineData("\uE000", "\U0001F600", -1)] // U+E000 is three UTF-8 bytes, U+1F600 four: below it
    [InlineData("\uFFFF", "\U00010000", -1)]
    [InlineData("\U00010000", "\uE000", 1)] // a high surrogate of exactly D800
    [InlineData("\uE000", "\U00010000", -1)]
    [InlineData("\U0001F600", "\U00010000", 1)]
    [InlineData("A", "\uE000", -1)]
    [InlineData("\uE000", "A", 1)]
    [InlineData("A", "\U00010000", -1)]
    [InlineData("\uD7FF", "\uE000", -1)]
    [InlineData("ab", "abc", -1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("b", "abc", 1)]
    public void Texts_order_by_code_point(string left, string right, int order)
    {
        Assert.Equal(order, RuleSemantics.CompareText(left, right));
        Assert.Equal(order, Math.Sign(string.CompareOrdinal(Utf8(left), Utf8(right))));
    }

    [Fact]
    public void Has_finds_an_item_by_ordinal_equality_only()
    {
        Assert.True(RuleSemantics.Has(["a", "B"], "B"));
        Assert.False(RuleSemantics.Has(["a", "B"], "b"));
        Assert.False(RuleSemantics.Has([], "a"));
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("1234567890123456789012.12")]
    [InlineData("35183270579848369.87")]
    [InlineData("0.1")]
    [InlineData("-21.47")]
    [InlineData("9007199254740993")]
    public void Money_becomes_the_nearest_double(string digits)
    {
        var money = decimal.Parse(digits, CultureInfo.InvariantCulture);

        Assert.Equal(double.Parse(digits, CultureInfo.InvariantCulture), RuleSemantics.MoneyToNumber(money));
    }

    [Theory]
    [InlineData(3518327057984836987L, 2)] // beyond 2^53: converting the units first would round twice
    [InlineData(-3518327057984836987L, 2)]
    [InlineData(2186853965865539747L, 2)]
    [InlineData(long.MaxValue, 0)]
    [InlineData(long.MinValue, 0)]
    [InlineData(long.MinValue, 18)]
    [InlineData(12345L, 2)]
    [InlineData(-12345L, 2)]
    [InlineData(1L, 23)] // a power of ten no double holds exactly
    [InlineData(0L, 2)]
    public void Scaled_money_becomes_the_double_nearest_to_it(long units, int scale)
    {
        var exact = double.Parse(units.ToString(CultureInfo.InvariantCulture) + "E-" + scale, CultureInfo.InvariantCulture);

        Assert.Equal(exact, RuleSemantics.ScaledMoneyToNumber(units, scale));
    }

    private static string Utf8(string text) => string.Concat(System.Text.Encoding.UTF8.GetBytes(text).Select(b => (char)b));
}
