using Cdp.Rules.Syntax;

namespace Cdp.Rules.Parsing;

/// <summary>What a token of a rule is, for highlighting, completion and messages.</summary>
public enum RuleTokenKind
{
    /// <summary>A reserved word (<c>AND</c>, <c>IS</c>, <c>NULL</c>, ...), in any case.</summary>
    Keyword,

    /// <summary>A name: a metric or a function (which one the catalog says).</summary>
    Identifier,

    /// <summary>A number, a duration (<c>7d</c>) or a date (<c>2019-10-31</c>), as the scanner reads a literal that starts with a digit.</summary>
    Number,

    /// <summary>A text in quotes; one never closed runs to the end of the rule.</summary>
    Text,

    /// <summary>A comparison or arithmetic operator.</summary>
    Operator,

    /// <summary><c>(</c>, <c>)</c> or <c>,</c>.</summary>
    Punctuation,

    /// <summary><c>-- ...</c> to the end of the line.</summary>
    Comment,

    /// <summary>A character the language has no use for, or an operator of another language (<c>&amp;&amp;</c>, <c>==</c>).</summary>
    Unknown,
}

/// <summary>One token of a rule's text: its kind and where it is (UTF-16 offsets).</summary>
public readonly record struct RuleToken(RuleTokenKind Kind, TextSpan Span);
