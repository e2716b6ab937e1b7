namespace Cdp.Rules.Syntax;

/// <summary>A node of a rule's syntax tree. Nodes are immutable; each carries the span of source text it came from.</summary>
public abstract class RuleNode
{
    private protected RuleNode(TextSpan span) => Span = span;

    /// <summary>Where in the rule text this node was written.</summary>
    public TextSpan Span { get; }

    /// <summary>Dispatches to the visitor method for this node type.</summary>
    public abstract TResult Accept<TResult>(RuleVisitor<TResult> visitor);

    /// <summary>The canonical text of this node.</summary>
    public override string ToString() => RulePrinter.Print(this);
}
