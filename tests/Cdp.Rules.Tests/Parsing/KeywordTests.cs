namespace Cdp.Rules.Tests.Parsing;

/// <summary>
/// The reserved words are never read as metric names, in any letter case: where a metric is expected, a
/// keyword is a syntax mistake, not an "unknown metric" (which would suggest the catalog lacks it).
/// </summary>
public class KeywordTests
{
    public static TheoryData<string> ReservedWords() =>
        ["AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE", "CONTAINS", "STARTS", "ENDS", "WITH", "HAS", "has", "With"];

    [Theory]
    [MemberData(nameof(ReservedWords))]
    public void A_keyword_where_a_metric_stands_is_not_a_metric_name(string keyword)
    {
        var result = Rule.Parse($"{keyword} = 1 AND views_7d > 0", ShopCatalog.Instance);

        Assert.NotEmpty(result.Diagnostics);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("unknown metric", StringComparison.Ordinal));
    }
}
