namespace Cdp.Rules.Syntax;

/// <summary>Which literal text test.</summary>
public enum TextMatchKind
{
    /// <summary>CONTAINS</summary>
    Contains,
    /// <summary>STARTS WITH</summary>
    StartsWith,
    /// <summary>ENDS WITH</summary>
    EndsWith,
}

/// <summary><c>x [NOT] CONTAINS 'text'</c> and its kin: case-sensitive, the argument taken literally.</summary>
public sealed class TextMatchNode : RuleNode
{
    /// <summary>Creates a text test.</summary>
    public TextMatchNode(TextSpan span, TextMatchKind kind, RuleNode operand, LiteralNode pattern, bool negated) : base(span)
    {
        Kind = kind;
        Operand = operand;
        Pattern = pattern;
        Negated = negated;
    }

    /// <summary>The test.</summary>
    public TextMatchKind Kind { get; }
    /// <summary>The tested text.</summary>
    public RuleNode Operand { get; }
    /// <summary>The text looked for, a text literal.</summary>
    public LiteralNode Pattern { get; }
    /// <summary>True for NOT CONTAINS and the like.</summary>
    public bool Negated { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitTextMatch(this);
}
