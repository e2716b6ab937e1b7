using System.Globalization;
using Cdp.Rules.Runtime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cdp.Rules.Tests;

/// <summary>Money as a number is the double nearest the exact decimal: the fast path agrees with parsing the digits.</summary>
public class MoneyToNumberTests
{
    private static double Parsed(decimal value) => double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    [ScaledProperty(20_000)]
    public Property Any_decimal_converts_as_its_digits_parse() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue).Two().Zip(Gen.Choose(0, 28)).Zip(Gen.Elements(false, true))), sample =>
        {
            var (((low, mid), scale), negative) = sample;
            var value = new decimal(low, mid & 0x3FFFFF, 0, negative, (byte)scale);
            Assert.Equal(Parsed(value), RuleSemantics.MoneyToNumber(value));
        });

    [ScaledProperty(5_000)]
    public Property Scaled_money_converts_as_the_decimal_it_stands_for() =>
        Prop.ForAll(Arb.From(Gen.Choose(int.MinValue, int.MaxValue).Two().Zip(Gen.Choose(0, 28))), sample =>
        {
            var ((high, low), scale) = sample;
            var units = ((long)high << 20) ^ low; // magnitudes both below and above 2^53
            var magnitude = units < 0 ? (ulong)(-(units + 1)) + 1 : (ulong)units;
            var value = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, units < 0, (byte)scale);
            Assert.Equal(RuleSemantics.MoneyToNumber(value), RuleSemantics.ScaledMoneyToNumber(units, scale));
            Assert.Equal(Parsed(value), RuleSemantics.ScaledMoneyToNumber(units, scale));
        });

    [Fact]
    public void The_extremes_of_scaled_money_convert_as_their_digits_parse()
    {
        Assert.Equal(Parsed(-9223372036854775.808m), RuleSemantics.ScaledMoneyToNumber(long.MinValue, 3));
        Assert.Equal(Parsed(92233720368547758.07m), RuleSemantics.ScaledMoneyToNumber(long.MaxValue, 2));
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("1686.14")]
    [InlineData("-0.07")]
    [InlineData("9007199254740991")]
    [InlineData("9007199254740993")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("123456789012345.6789")]
    public void Edges_convert_as_their_digits_parse(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(Parsed(value), RuleSemantics.MoneyToNumber(value));
    }
}
