namespace Cdp.Rules.Syntax;

/// <summary>A literal value; <see cref="Kind"/> says which CLR type <see cref="Value"/> has.</summary>
public sealed class LiteralNode : RuleNode
{
    /// <summary>Creates a literal.</summary>
    public LiteralNode(TextSpan span, LiteralKind kind, object? value) : base(span)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>The kind of literal.</summary>
    public LiteralKind Kind { get; }

    /// <summary>The value: long, decimal, string, bool, null, DateOnly, DateTime (UTC) or <see cref="Duration"/>.</summary>
    public object? Value { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitLiteral(this);
}
