using Cdp.Rules.Parsing;
using Sprache;

namespace Cdp.Rules.Tests.Parsing;

/// <summary>
/// The parser's own Sprache input: it must answer as Sprache's input would at every position (Sprache quotes its line
/// and column in a failure), while sharing one instance per position of a parse.
/// </summary>
public class RuleInputTests
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "x",
        "sessions_7d > 3",
        "\n",
        "\n\n",
        "a\nb",
        "sessions_7d > 3 AND\n  (cart_rate >= 0.2\nOR spend_30d > 100)\n",
        "\r\n x \n\n  y",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Line_and_column_are_sprache_s_at_every_position(string text)
    {
        IInput expected = new Input(text);
        for (var position = 0; position <= text.Length; position++)
        {
            var input = new RuleInput(text, position);
            Assert.Equal((expected.Line, expected.Column), (input.Line, input.Column));
            Assert.Equal($"Line {expected.Line}, Column {expected.Column}", input.ToString());
            if (!expected.AtEnd)
            {
                expected = expected.Advance();
            }
        }
    }

    [Fact]
    public void Advancing_past_the_end_is_refused()
    {
        var end = new RuleInput("ab", 2);
        Assert.True(end.AtEnd);
        Assert.Equal("Cannot advance beyond the end of the input.", Assert.Throws<InvalidOperationException>(() => end.Advance()).Message);
        Assert.Equal('b', new RuleInput("ab", 1).Current);
    }

    [Fact]
    public void One_position_of_a_parse_is_one_input_with_one_memo_table()
    {
        var start = new RuleInput("sessions_7d > 3");
        var two = start.AdvanceBy(2);
        Assert.Same(two, start.Advance().Advance());
        Assert.Same(two.Memos, two.Memos);
        two.Memos["k"] = 1;
        Assert.Equal(1, start.AdvanceBy(2).Memos["k"]);
        Assert.Equal(2, two.Position);
    }

    [Fact]
    public void Inputs_are_equal_at_the_same_position_of_the_same_text_only()
    {
        var text = "x > 1";
        var a = new RuleInput(text, 2);
        Assert.True(a.Equals(new RuleInput(text, 2)));
        Assert.Equal(a.GetHashCode(), new RuleInput(text, 2).GetHashCode());
        Assert.False(a.Equals(new RuleInput(text, 3)));
        Assert.False(a.Equals(new RuleInput(new string(text.AsSpan()), 2))); // an equal string that is another parse's
        Assert.False(a.Equals((IInput?)null));
        Assert.True(a.Equals((object)new RuleInput(text, 2)));
        Assert.False(a.Equals((object)"x > 1"));
    }
}
