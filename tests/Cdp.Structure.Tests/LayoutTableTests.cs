namespace Cdp.Structure.Tests;

/// <summary>The README's layout table names every folder of src/, so a newcomer finds each stage by its name.</summary>
public sealed class LayoutTableTests
{
    [Fact]
    public void The_readme_layout_table_names_every_source_folder()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var layout = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        layout = layout[..(layout.IndexOf("\n## ", 3, StringComparison.Ordinal) is var end and > 0 ? end : layout.Length)];
        var missing = new List<string>();
        foreach (var project in ProjectSource.Names)
        {
            var directory = Path.Combine(RepositoryPaths.Root, "src", project);
            if (!layout.Contains($"`src/{project}`", StringComparison.Ordinal))
            {
                missing.Add($"src/{project}");
            }

            foreach (var folder in Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories)
                         .Select(d => Path.GetRelativePath(directory, d).Replace('\\', '/'))
                         .Where(d => d.Split('/')[0] is not ("obj" or "bin" or "wwwroot" or "Properties"))
                         .Where(d => Directory.EnumerateFiles(Path.Combine(directory, d), "*.cs").Any()))
            {
                if (!layout.Contains($"`{folder}/`", StringComparison.Ordinal))
                {
                    missing.Add($"src/{project}/{folder}/");
                }
            }
        }

        Assert.True(missing.Count == 0, "the README's layout table does not name:\n" + string.Join('\n', missing));
    }
}
