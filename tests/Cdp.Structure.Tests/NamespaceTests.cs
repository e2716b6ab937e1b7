using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cdp.Structure.Tests;

/// <summary>
/// The rule (docs/decisions.md, "Namespaces follow folders"): a file's namespace is its project's followed by its
/// folders. The one exception is the front door of the rule packages: public types a user names to parse,
/// check, compile and run a rule live in <c>Cdp.Rules</c> wherever their file sits, so one <c>using</c> serves
/// every package; nothing internal is there.
/// </summary>
public sealed class NamespaceTests
{
    public static TheoryData<string> Projects => [.. ProjectSource.Names];

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_files_namespace_is_its_folders_or_the_front_door(string name)
    {
        var project = ProjectSource.Load(name);
        var problems = new List<string>();
        foreach (var (path, tree) in project.Files)
        {
            var root = (CompilationUnitSyntax)tree.GetRoot();
            var declared = root.Members.OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Name.ToString()).FirstOrDefault();
            if (declared is null)
            {
                if (root.Members.OfType<BaseTypeDeclarationSyntax>().Any())
                {
                    problems.Add($"{path}: declares types outside any namespace");
                }

                continue;
            }

            var folder = ProjectSource.FolderOf(path);
            var expected = folder.Length == 0 ? name : $"{name}.{folder.Replace('/', '.')}";
            if (declared == expected)
            {
                continue;
            }

            if (declared == FrontDoor(name) && TopLevelTypes(root).All(IsPublic))
            {
                continue;
            }

            problems.Add($"{path}: namespace {declared}, expected {expected}" + (FrontDoor(name) is { } door ? $" (or {door} for public front-door types only)" : ""));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>The front door's namespace, for the rule packages.</summary>
    private static string? FrontDoor(string project) => project.StartsWith("Cdp.Rules", StringComparison.Ordinal) ? "Cdp.Rules" : null;

    private static IEnumerable<BaseTypeDeclarationSyntax> TopLevelTypes(CompilationUnitSyntax root) =>
        root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseTypeDeclarationSyntax>();

    private static bool IsPublic(BaseTypeDeclarationSyntax type) => type.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword));
}
