using Cdp.Rules.Evaluation;

namespace Cdp.Rules.Tests.Runtime;

/// <summary>How a value is shown to people (explanations, the command line): as the rule language would write it.</summary>
public class ValueTextTests
{
    public static TheoryData<object?, string> Values => new()
    {
        { null, "NULL" },
        { true, "TRUE" },
        { false, "FALSE" },
        { "it's", "'it''s'" },
        { -42L, "-42" },
        { 12.50m, "12.50" },
        { 0.1, "0.1" },
        { 1e21, "1E+21" },
        { double.NaN, "NaN" },
        { new DateOnly(2019, 10, 3), "2019-10-03" },
        { new[] { "a", "b'c" }, "['a', 'b''c']" },
        { Array.Empty<string>(), "[]" },
        { TimeSpan.FromDays(2), "2d" },
        { TimeSpan.FromDays(-3), "-3d" },
        { TimeSpan.FromHours(5), "5h" },
        { TimeSpan.FromHours(49), "49h" },
        { TimeSpan.FromHours(1), "1h" },
        { TimeSpan.FromMinutes(90), "01:30:00" },
        { TimeSpan.FromSeconds(1), "00:00:01" },
        { 7, "7" },
        { 'x', "x" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_is_shown_as_the_language_writes_it(object? value, string text) => Assert.Equal(text, ValueText.Format(value));
}
