using Cdp.Rules.Checking;
using Cdp.Rules.Parsing;
using Cdp.Rules.Syntax;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cdp.Rules.Tests.Parsing;

/// <summary>The one tokenizer: every text gives tokens, and each token is what the grammar and the messages read.</summary>
public class TokenizerTests
{
    private static string Show(string text) =>
        string.Join(" ", RuleTokenizer.Tokenize(text).Select(t => $"{t.Kind}:{text.Substring(t.Span.Start, t.Span.Length)}"));

    [Theory]
    [InlineData("sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)",
        "Identifier:sessions_7d Operator:> Number:3 Keyword:AND Punctuation:( Identifier:cart_rate Operator:>= Number:0.2 Keyword:OR Identifier:spend_30d Operator:> Number:100 Punctuation:)")]
    [InlineData("brand = 'it''s' -- a note\nor days_since(last_seen_at) <> 7d",
        "Identifier:brand Operator:= Text:'it''s' Comment:-- a note Keyword:or Identifier:days_since Punctuation:( Identifier:last_seen_at Punctuation:) Operator:<> Number:7d")]
    [InlineData("a && b == c ! d != e", "Identifier:a Unknown:&& Identifier:b Unknown:== Identifier:c Unknown:! Identifier:d Operator:!= Identifier:e")]
    [InlineData("x IN (1, -2) AND y STARTS WITH \"q", "Identifier:x Keyword:IN Punctuation:( Number:1 Punctuation:, Operator:- Number:2 Punctuation:) Keyword:AND Identifier:y Keyword:STARTS Keyword:WITH Text:\"q")]
    [InlineData("first_seen_at < 2019-10-01T12:00:00Z - 1h", "Identifier:first_seen_at Operator:< Number:2019-10-01T12:00:00Z Operator:- Number:1h")]
    [InlineData("`a` ; .5 😀", "Unknown:` Identifier:a Unknown:` Unknown:; Unknown:. Number:5 Unknown:😀")]
    [InlineData("", "")]
    public void Tokens_of_a_rule(string text, string expected) => Assert.Equal(expected, Show(text));

    [Property(MaxTest = 500)]
    public Property Tokens_cover_every_significant_character_once_in_order(NonNull<string> input)
    {
        var text = input.Get;
        var tokens = RuleTokenizer.Tokenize(text);
        var covered = 0;
        foreach (var token in tokens)
        {
            if (token.Span.Length == 0 || token.Span.Start < covered || text[covered..token.Span.Start].Any(c => !char.IsWhiteSpace(c)))
            {
                return false.Label($"{token} after {covered} in `{text}`");
            }

            covered = token.Span.End;
        }

        return text[covered..].All(char.IsWhiteSpace).Label($"the end of `{text}` is not covered");
    }

    [ScaledProperty(300)]
    public Property A_printed_rule_tokenizes_without_unknown_tokens_and_keywords_are_reserved_words() =>
        Prop.ForAll(Arb.From(RuleGenerators.Rule), tree =>
        {
            var text = RulePrinter.Print(tree);
            var tokens = RuleTokenizer.Tokenize(text);
            Assert.DoesNotContain(tokens, t => t.Kind == RuleTokenKind.Unknown);
            Assert.All(tokens.Where(t => t.Kind == RuleTokenKind.Keyword),
                t => Assert.Contains(text.Substring(t.Span.Start, t.Span.Length).ToUpperInvariant(), RuleTokenizer.ReservedWords));
        });

    [Fact]
    public void The_keyword_and_function_lists_are_the_languages()
    {
        Assert.All(RuleTokenizer.KeywordPhrases.SelectMany(p => p.Split(' ')), word => Assert.Contains(word, RuleTokenizer.ReservedWords));
        Assert.Equal(RuleTokenizer.ReservedWords.Order(), RuleTokenizer.KeywordPhrases.SelectMany(p => p.Split(' ')).Distinct().Order());
        Assert.Equal(Functions.All, Functions.Signatures.Select(f => f.Name));
        foreach (var word in RuleTokenizer.ReservedWords)
        {
            Assert.False(Rule.Parse($"{word.ToLowerInvariant()} > 1", TestCatalog.Instance).Succeeded, word);
        }
    }

    [Fact]
    public void Every_operator_an_editor_offers_is_one_operator_token_wherever_it_stands()
    {
        Assert.Equal(RuleTokenizer.Operators.Count, RuleTokenizer.Operators.Distinct().Count());
        foreach (var op in RuleTokenizer.Operators)
        {
            Assert.Equal($"Operator:{op}", Show(op));
            Assert.Equal($"Identifier:a Operator:{op} Identifier:b", Show($"a{op}b"));
        }
    }

    [Theory]
    [InlineData("x &&", "Identifier:x Unknown:&&")] // a foreign operator at the very end is still read whole
    [InlineData("x ==", "Identifier:x Unknown:==")]
    [InlineData("x <=", "Identifier:x Operator:<=")]
    [InlineData("x !", "Identifier:x Unknown:!")]
    public void The_last_characters_of_a_rule_are_read_as_whole_tokens(string text, string expected) => Assert.Equal(expected, Show(text));

    [Fact]
    public void No_text_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentNullException>(() => RuleTokenizer.Tokenize(null!));
        Assert.Equal("text", error.ParamName);
    }

    [Fact]
    public void A_syntax_error_quotes_the_whole_token_it_found()
    {
        var parsed = Rule.Parse("sessions_7d > 3 AND spend_30d 2019-10-01T00:00:00Z", TestCatalog.Instance);

        Assert.Equal("`2019-10-01T00:00:00Z`", Assert.Single(parsed.Diagnostics).Found);
    }
}
