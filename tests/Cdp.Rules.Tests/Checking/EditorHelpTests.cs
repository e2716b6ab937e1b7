using Cdp.Rules.Checking;

namespace Cdp.Rules.Tests.Checking;

/// <summary>
/// What the editor shows beside a rule: every function's signature and every event field's description. Each is
/// written once here, so an empty or mismatched entry would reach the marketers' help panel unnoticed.
/// </summary>
public class EditorHelpTests
{
    [Fact]
    public void Every_function_has_one_signature_that_calls_it_by_its_name_and_says_what_it_gives()
    {
        Assert.Equal(Functions.All, Functions.Signatures.Select(s => s.Name));
        Assert.All(Functions.Signatures, signature =>
        {
            Assert.StartsWith(signature.Name + "(", signature.Signature, StringComparison.Ordinal);
            Assert.EndsWith(")", signature.Signature, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(signature.Description), signature.Name);
        });
    }

    [Fact]
    public void A_function_that_takes_arguments_names_them_in_its_signature()
    {
        var takesNone = new[] { Functions.Today, Functions.Now };
        Assert.All(Functions.Signatures, signature =>
            Assert.Equal(takesNone.Contains(signature.Name), signature.Signature == signature.Name + "()"));
    }

    [Fact]
    public void Every_event_field_says_what_it_holds()
    {
        Assert.All(EventFields.Catalog.Metrics, field => Assert.False(string.IsNullOrWhiteSpace(field.Description), field.Name));
        Assert.Equal(EventFields.Catalog.Metrics.Count, EventFields.Catalog.Metrics.Select(f => f.Description).Distinct().Count());
    }
}
