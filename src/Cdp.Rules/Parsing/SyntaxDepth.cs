using Cdp.Rules.Syntax;

namespace Cdp.Rules.Parsing;

/// <summary>The depth of a syntax tree, computed without recursion so that it is safe on any tree.</summary>
internal static class SyntaxDepth
{
    public static int Of(RuleNode root)
    {
        var deepest = 0;
        var pending = new Stack<(RuleNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            foreach (var child in SyntaxChildren.Of(node))
            {
                pending.Push((child, depth + 1));
            }
        }

        return deepest;
    }
}
