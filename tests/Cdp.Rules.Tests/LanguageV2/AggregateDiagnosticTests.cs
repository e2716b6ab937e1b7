namespace Cdp.Rules.Tests.LanguageV2;

/// <summary>v2's mistakes: each is a diagnostic with its code, span and did-you-mean, and all of a rule's are reported at once.</summary>
public class AggregateDiagnosticTests
{
    [Theory]
    [InlineData("count(purchse in last 30d) > 1", DiagnosticCodes.UnknownEventKind, "purchse", "unknown event kind `purchse`; did you mean `purchases`?")]
    [InlineData("count(purchases where brnd = 'apple') > 1", DiagnosticCodes.UnknownEventField, "brnd", "unknown event field `brnd`; did you mean `brand`?")]
    [InlineData("sum(prise of purchases) > 1", DiagnosticCodes.UnknownEventField, "prise", "unknown event field `prise`; did you mean `price`?")]
    [InlineData("count(purchases where spend_30d > 1) > 1", DiagnosticCodes.UnknownEventField, "spend_30d", "unknown event field `spend_30d`; the event fields are event_time, event_type, product_id, category_id, category_code, brand, price, user_session")]
    [InlineData("sum(brand of purchases) > 1", DiagnosticCodes.TypeMismatch, "brand", "SUM needs a numeric field (price, product_id, category_id), but `brand` is a text")]
    [InlineData("count(purchases where brand) > 1", DiagnosticCodes.TypeMismatch, "brand", "WHERE needs a condition, but `brand` is a text; compare it, as in `brand > 0`")]
    [InlineData("count(purchases where count(views) > 1) > 1", DiagnosticCodes.NotAllowedHere, "count(views)", "an aggregate cannot stand inside WHERE, which reads the fields of one event")]
    [InlineData("count(purchases since spend_30d) > 1", DiagnosticCodes.NotAllowedHere, "spend_30d", "SINCE takes a date or a time from literals, today() and now(); `spend_30d` cannot stand in it")]
    [InlineData("count(purchases since 5) > 1", DiagnosticCodes.TypeMismatch, "5", "SINCE needs a date or a time, but `5` is an int")]
    [InlineData("count(purchases in last 0d) > 1", DiagnosticCodes.TypeMismatch, "0d", "IN LAST needs a positive duration such as 30d, not `0d`")]
    [InlineData("in_segment('big_spender')", DiagnosticCodes.UnknownSegment, "'big_spender'", "unknown segment `big_spender`; did you mean `big_spenders`?")]
    [InlineData("count(purchases where in_segment('big_spenders')) > 0", DiagnosticCodes.NotAllowedHere, "in_segment('big_spenders')", "in_segment cannot stand inside WHERE: it reads the customer, not one event")]
    [InlineData("count(purchases since count(views)) > 1", DiagnosticCodes.NotAllowedHere, "count(views)", "an aggregate cannot stand inside SINCE, which reads the clock")]
    [InlineData("count(purchases since in_segment('big_spenders')) > 1", DiagnosticCodes.NotAllowedHere, "in_segment('big_spenders')", "in_segment cannot stand inside SINCE: it reads the customer, not one event")]
    [InlineData("in_segment('zzzzzzzzzz')", DiagnosticCodes.UnknownSegment, "'zzzzzzzzzz'", "unknown segment `zzzzzzzzzz`")]
    // a wrong aggregate has no type, so the comparison around it adds no second message
    [InlineData("count(purchse) > 'x'", DiagnosticCodes.UnknownEventKind, "purchse", "unknown event kind `purchse`; did you mean `purchases`?")]
    [InlineData("sum(prise of purchases) > 'x'", DiagnosticCodes.UnknownEventField, "prise", "unknown event field `prise`; did you mean `price`?")]
    [InlineData("count(purchases where brand) > 'x'", DiagnosticCodes.TypeMismatch, "brand", "WHERE needs a condition, but `brand` is a text; compare it, as in `brand > 0`")]
    [InlineData("count(purchases where banana = 1) > 'x'", DiagnosticCodes.UnknownEventField, "banana", "unknown event field `banana`; the event fields are event_time, event_type, product_id, category_id, category_code, brand, price, user_session")]
    [InlineData("count(purchases in last 0d) > 'x'", DiagnosticCodes.TypeMismatch, "0d", "IN LAST needs a positive duration such as 30d, not `0d`")]
    [InlineData("count(purchases since 5) > 'x'", DiagnosticCodes.TypeMismatch, "5", "SINCE needs a date or a time, but `5` is an int")]
    [InlineData("count(purchases) > 'x'", DiagnosticCodes.TypeMismatch, "'x'", "cannot compare `count(purchases)` (int) with `'x'` (text)")]
    public void A_mistake_is_a_diagnostic_at_its_place(string text, string code, string found, string message)
    {
        var parsed = Rule.Parse(text, V2Catalog.Profiles, V2Catalog.WithSegments);

        var diagnostic = Assert.Single(parsed.Diagnostics);
        Assert.Equal((code, message), (diagnostic.Code, diagnostic.Message));
        Assert.Equal(found, text.Substring(diagnostic.Span.Start, diagnostic.Span.Length));
    }

    [Fact]
    public void Every_mistake_of_a_rule_is_reported_at_once()
    {
        var parsed = Rule.Parse("count(purchse where brnd = 1) > 1 AND sum(brand of views) > 2 AND in_segment('nope')", V2Catalog.Profiles, V2Catalog.WithSegments);

        Assert.Equal([DiagnosticCodes.UnknownEventKind, DiagnosticCodes.UnknownEventField, DiagnosticCodes.TypeMismatch, DiagnosticCodes.UnknownSegment],
            parsed.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Without_known_segments_a_reference_says_so()
    {
        var parsed = Rule.Parse("in_segment('big_spenders')", V2Catalog.Profiles);

        Assert.Equal("unknown segment `big_spenders`: no saved segments are known where this rule is checked", Assert.Single(parsed.Diagnostics).Message);
    }

    [Theory]
    [InlineData("count(purchases where) > 1")]
    [InlineData("count(purchases in last) > 1")]
    [InlineData("sum(price purchases) > 1")]
    [InlineData("count(purchases")]
    public void A_broken_aggregate_is_a_syntax_diagnostic(string text)
    {
        var parsed = Rule.Parse(text, V2Catalog.Profiles, V2Catalog.WithSegments);

        Assert.Equal(DiagnosticCodes.Syntax, Assert.Single(parsed.Diagnostics).Code);
    }
}
