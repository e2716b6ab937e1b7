using System.Text;
using Cdp.Rules.Syntax;

namespace Cdp.Rules;

/// <summary>Why a rule is TRUE, FALSE or UNKNOWN for one customer: the value of every sub-rule.</summary>
public sealed class Explanation
{
    internal Explanation(ExplanationNode root) => Root = root;

    /// <summary>The whole rule.</summary>
    public ExplanationNode Root { get; }

    /// <summary>The rule's value for the customer.</summary>
    public TruthValue Value => Root.Value;

    /// <summary>An indented tree, one sub-rule a line, with the values of the metrics each reads.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, Root, "", "");
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ExplanationNode node, string lead, string childLead)
    {
        builder.Append(lead).Append(Word(node.Value).PadRight(8)).Append(node.Text);
        if (node.Operands.Count > 0)
        {
            builder.Append("   [").Append(string.Join(", ", node.Operands.Select(o => $"{o.Expression} = {o.Value}"))).Append(']');
        }

        builder.Append('\n');
        for (var i = 0; i < node.Children.Count; i++)
        {
            var last = i == node.Children.Count - 1;
            Append(builder, node.Children[i], childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "));
        }
    }

    private static string Word(TruthValue value) => value switch
    {
        TruthValue.True => "TRUE",
        TruthValue.False => "FALSE",
        _ => "UNKNOWN",
    };
}

/// <summary>One sub-rule in an <see cref="Explanation"/>.</summary>
/// <param name="Text">The sub-rule in canonical text.</param>
/// <param name="Span">Where it stands in the rule text.</param>
/// <param name="Value">Its value for the customer.</param>
/// <param name="Operands">The values it compared (metrics, functions, arithmetic), formatted.</param>
/// <param name="Children">The sub-rules it combines (for AND, OR, NOT).</param>
public sealed record ExplanationNode(
    string Text,
    TextSpan Span,
    TruthValue Value,
    IReadOnlyList<ExplainedOperand> Operands,
    IReadOnlyList<ExplanationNode> Children);

/// <summary>A value an explained sub-rule read.</summary>
/// <param name="Expression">The operand in canonical text, e.g. <c>cart_rate</c>.</param>
/// <param name="Value">Its value, e.g. <c>NULL</c> or <c>0.25</c>.</param>
public sealed record ExplainedOperand(string Expression, string Value);
