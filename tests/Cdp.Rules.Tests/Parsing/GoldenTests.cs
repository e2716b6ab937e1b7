
namespace Cdp.Rules.Tests.Parsing;

/// <summary>The golden case files under Cases/: cheap to extend, easy to review.</summary>
public class GoldenTests
{
    public static TheoryData<string, string> ParserCases => GoldenCases.Read("parser.txt");
    public static TheoryData<string, string> PrinterCases => GoldenCases.Read("printer.txt");
    public static TheoryData<string, string> DiagnosticCases => GoldenCases.Read("diagnostics.txt");

    [Theory]
    [MemberData(nameof(ParserCases))]
    public void Parser_builds_the_expected_tree(string input, string expected)
    {
        var (syntax, diagnostics) = Rule.ParseSyntax(input);
        Assert.True(syntax is not null, string.Join("\n", diagnostics));
        Assert.Equal(expected, SyntaxDump.Of(syntax));
    }

    [Theory]
    [MemberData(nameof(PrinterCases))]
    public void Printer_writes_the_canonical_text(string input, string expected)
    {
        var parsed = Rule.Parse(input, ShopCatalog.Instance);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        Assert.Equal(expected, parsed.Rule.ToCanonicalString());
        var reparsed = Rule.Parse(expected, ShopCatalog.Instance);
        Assert.Equal(SyntaxDump.Of(parsed.Rule.Syntax), SyntaxDump.Of(reparsed.Rule!.Syntax));
    }

    [Theory]
    [MemberData(nameof(DiagnosticCases))]
    public void Diagnostics_say_exactly_what_and_where(string input, string expected)
    {
        var parsed = Rule.Parse(input, ShopCatalog.Instance);
        Assert.False(parsed.Succeeded);
        Assert.Equal(expected, string.Join(" | ", parsed.Diagnostics));
    }
}
