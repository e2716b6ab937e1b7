using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cdp.Structure.Tests;

/// <summary>
/// One project of src/, compiled here from its source files against the other projects' built assemblies, so
/// that every name in it can be resolved to the file (and folder) that declares it.
/// </summary>
internal sealed class ProjectSource
{
    /// <summary>Errors a compilation without the source generators shows (their partial parts are generated).</summary>
    private static readonly HashSet<string> GeneratorGaps = ["CS8795", "CS0759"];

    private ProjectSource(string name, string directory, CSharpCompilation compilation)
    {
        Name = name;
        Directory = directory;
        Compilation = compilation;
    }

    public string Name { get; }

    public string Directory { get; }

    public CSharpCompilation Compilation { get; }

    public static IReadOnlyList<string> Names { get; } = ["Cdp.Rules", "Cdp.Rules.Mongo", "Cdp.Rules.EntityFrameworkCore", "Cdp.Pipeline", "Cdp.Host"];

    private static readonly Dictionary<string, ProjectSource> Loaded = [];

    public static ProjectSource Load(string name)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var project))
            {
                project = Compile(name);
                Loaded[name] = project;
            }

            return project;
        }
    }

    /// <summary>The project's own source files, relative to its folder, with '/' between folders.</summary>
    public IEnumerable<(string Path, SyntaxTree Tree)> Files =>
        Compilation.SyntaxTrees.Where(t => t.FilePath.StartsWith(Directory, StringComparison.Ordinal)).Select(t => (Relative(t.FilePath), t));

    public string Relative(string path) => System.IO.Path.GetRelativePath(Directory, path).Replace('\\', '/');

    /// <summary>The folder of a file relative to the project ("" for the project's root).</summary>
    public static string FolderOf(string relativePath) => relativePath.Contains('/', StringComparison.Ordinal) ? relativePath[..relativePath.LastIndexOf('/')] : "";

    private static ProjectSource Compile(string name)
    {
        var directory = System.IO.Path.Combine(RepositoryPaths.Root, "src", name);
        var sources = System.IO.Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(directory, f))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Preview), f))
            .ToList();
        sources.Add(CSharpSyntaxTree.ParseText(GlobalUsings(directory, name), new CSharpParseOptions(LanguageVersion.Preview), "GlobalUsings.g.cs"));

        var compilation = CSharpCompilation.Create(name, sources, References(name),
            new CSharpCompilationOptions(name == "Cdp.Host" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !GeneratorGaps.Contains(d.Id))
            .Take(10)
            .ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{name} does not compile here, so names would go unresolved:\n" + string.Join('\n', errors));
        }

        return new ProjectSource(name, directory + System.IO.Path.DirectorySeparatorChar, compilation);
    }

    private static bool IsBuildOutput(string directory, string file)
    {
        var first = System.IO.Path.GetRelativePath(directory, file).Split(System.IO.Path.DirectorySeparatorChar)[0];
        return first is "obj" or "bin";
    }

    /// <summary>The global usings the SDK generated for the project at its last build (implicit usings and the project's own).</summary>
    private static string GlobalUsings(string directory, string name)
    {
        var generated = System.IO.Directory.EnumerateFiles(System.IO.Path.Combine(directory, "obj"), $"{name}.GlobalUsings.g.cs", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new InvalidOperationException($"{name} has not been built: its generated global usings are missing");
        return File.ReadAllText(generated);
    }

    /// <summary>The assembly a project builds (the host is the <c>cdp</c> executable).</summary>
    private static string AssemblyOf(string name) => name == "Cdp.Host" ? "cdp" : name;

    /// <summary>The runtime's assemblies and every assembly beside the tests except the project's own.</summary>
    private static IEnumerable<MetadataReference> References(string name)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator);
        var beside = System.IO.Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(beside)
            .Where(path => !string.Equals(System.IO.Path.GetFileNameWithoutExtension(path), AssemblyOf(name), StringComparison.Ordinal))
            .GroupBy(System.IO.Path.GetFileName, StringComparer.Ordinal)
            .Select(g => MetadataReference.CreateFromFile(g.First()));
    }
}
