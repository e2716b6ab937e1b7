namespace Cdp.Rules.Syntax;

/// <summary>A call of a built-in function: <c>today()</c>, <c>now()</c>, <c>coalesce</c>, <c>abs</c>, <c>lower</c>, <c>days_since</c>.</summary>
public sealed class FunctionNode : RuleNode
{
    /// <summary>Creates a function call.</summary>
    public FunctionNode(TextSpan span, string name, IReadOnlyList<RuleNode> arguments) : base(span)
    {
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The function name, lower case once the rule is checked.</summary>
    public string Name { get; }

    /// <summary>The arguments in order.</summary>
    public IReadOnlyList<RuleNode> Arguments { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitFunction(this);
}
