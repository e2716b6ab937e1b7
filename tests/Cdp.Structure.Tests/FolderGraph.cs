using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cdp.Structure.Tests;

/// <summary>Which folder of a project uses a type declared in which other folder, with one example of each use.</summary>
internal sealed class FolderGraph
{
    private readonly Dictionary<(string From, string To), string> _examples = [];

    public FolderGraph(ProjectSource project)
    {
        foreach (var (path, tree) in project.Files)
        {
            var from = ProjectSource.FolderOf(path);
            var model = project.Compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol;
                if (symbol is null or INamespaceSymbol || !SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, project.Compilation.Assembly))
                {
                    continue;
                }

                var folders = DeclaringFolders(project, symbol).ToList();
                if (folders.Contains(from))
                {
                    continue; // a part of the type (or the member itself) is declared here
                }

                foreach (var to in folders)
                {
                    _examples.TryAdd((from, to), $"{path} uses {symbol.ToDisplayString()}");
                }
            }
        }
    }

    public IEnumerable<(string From, string To)> Edges => _examples.Keys;

    public string Example(string from, string to) => _examples[(from, to)];

    /// <summary>
    /// Folders that use each other, directly or through others, as the shortest cycle through each; uses to or
    /// from the folders in <paramref name="outside"/> are left out.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles(params string[] outside)
    {
        var edges = _examples.Keys.Where(e => !outside.Contains(e.From) && !outside.Contains(e.To)).ToList();
        var folders = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var start in folders)
        {
            if (PathBetween(edges, start, start) is { } cycle && cycle.Min(StringComparer.Ordinal) == start)
            {
                cycles.Add(cycle);
            }
        }

        return cycles;
    }

    /// <summary>The shortest chain of uses from one folder back to another, breadth first.</summary>
    private static List<string>? PathBetween(List<(string From, string To)> edges, string from, string to)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var folder = queue.Dequeue();
            foreach (var next in edges.Where(e => e.From == folder).Select(e => e.To))
            {
                if (next == to)
                {
                    var chain = new List<string> { folder };
                    while (chain[0] != from)
                    {
                        chain.Insert(0, previous[chain[0]]);
                    }

                    return chain;
                }

                if (previous.TryAdd(next, folder))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Where a used symbol is declared: a member where the member is written (a partial type's parts may sit in
    /// several folders), a type in every folder that holds a part of it. Locals, parameters and type
    /// parameters are declared where they are used and lead nowhere.
    /// </summary>
    private static IEnumerable<string> DeclaringFolders(ProjectSource project, ISymbol symbol)
    {
        if (symbol is ILocalSymbol or IParameterSymbol or ITypeParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol)
        {
            return [];
        }

        var declared = symbol is INamedTypeSymbol type ? Outermost(type) : symbol;
        var references = declared.DeclaringSyntaxReferences.IsEmpty && symbol.ContainingType is { } container
            ? Outermost(container).DeclaringSyntaxReferences // an implicit member (a record's property, a default constructor)
            : declared.DeclaringSyntaxReferences;
        var files = references.Select(r => r.SyntaxTree.FilePath).Distinct().ToList();
        if (declared is INamedTypeSymbol && files.Count > 1
            && files.Where(f => System.IO.Path.GetFileNameWithoutExtension(f) == declared.Name).ToList() is [var main])
        {
            files = [main]; // a type named as such lives where its own file is; its other parts add members from other stages
        }

        return files
            .Where(p => p.StartsWith(project.Directory, StringComparison.Ordinal))
            .Select(p => ProjectSource.FolderOf(project.Relative(p)))
            .Distinct(StringComparer.Ordinal);
    }

    private static INamedTypeSymbol Outermost(INamedTypeSymbol type)
    {
        while (type.ContainingType is { } container)
        {
            type = container;
        }

        return type;
    }
}
