using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.Syntax;

/// <summary>
/// A minus in front of something that starts with a minus itself (a negation, or a negative literal in a tree built
/// in code) is written with parentheses: "--" starts a comment, so `--3` would read as nothing at all.
/// </summary>
public class NegationPrintTests
{
    private static readonly TextSpan At = new(0, 0);

    private static LiteralNode Literal(LiteralKind kind, object value) => new(At, kind, value);

    public static TheoryData<RuleNode, string> Negations => new()
    {
        { Literal(LiteralKind.Integer, -3L), "-(-3)" },
        { Literal(LiteralKind.Decimal, -1.5m), "-(-1.5)" },
        { Literal(LiteralKind.Duration, new Duration(-2, DurationUnit.Days)), "-(-2d)" },
        { new NegateNode(At, Literal(LiteralKind.Integer, 3L)), "-(-3)" },
        { Literal(LiteralKind.Integer, 3L), "-3" },
        { Literal(LiteralKind.Integer, 0L), "-0" },
        { Literal(LiteralKind.Decimal, 0m), "-0" },
        { Literal(LiteralKind.Decimal, 2.5m), "-2.5" },
        { Literal(LiteralKind.Duration, new Duration(0, DurationUnit.Hours)), "-0h" },
        { Literal(LiteralKind.Duration, new Duration(7, DurationUnit.Weeks)), "-7w" },
        { new MetricNode(At, "visits"), "-visits" },
        { new ArithmeticNode(At, ArithmeticOperator.Add, new MetricNode(At, "a"), Literal(LiteralKind.Integer, 1L)), "-(a + 1)" },
        { new ArithmeticNode(At, ArithmeticOperator.Multiply, new MetricNode(At, "a"), Literal(LiteralKind.Integer, 2L)), "-(a * 2)" },
    };

    [Theory]
    [MemberData(nameof(Negations))]
    public void A_negation_is_written_so_that_it_reads_back_as_a_negation(RuleNode operand, string text)
    {
        var printed = new NegateNode(At, operand).ToString();

        Assert.Equal(text, printed);
        Assert.DoesNotContain("--", printed);
    }

    [Fact]
    public void A_negative_literal_after_an_operator_keeps_its_space()
    {
        var difference = new ArithmeticNode(At, ArithmeticOperator.Subtract, new MetricNode(At, "a"), Literal(LiteralKind.Integer, -1L));
        var product = new ArithmeticNode(At, ArithmeticOperator.Multiply, new MetricNode(At, "a"), Literal(LiteralKind.Decimal, -0.5m));

        Assert.Equal("a - -1", difference.ToString());
        Assert.Equal("a * -0.5", product.ToString());
    }

    [Theory]
    [InlineData(2, DurationUnit.Weeks, 14 * 24)]
    [InlineData(3, DurationUnit.Days, 3 * 24)]
    [InlineData(5, DurationUnit.Hours, 5)]
    [InlineData(-1, DurationUnit.Weeks, -7 * 24)]
    public void A_duration_is_its_amount_of_its_unit(long amount, DurationUnit unit, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), new Duration(amount, unit).ToTimeSpan());
}
