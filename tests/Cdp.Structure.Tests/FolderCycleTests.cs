namespace Cdp.Structure.Tests;

/// <summary>
/// A folder is a stage or a concern; the folders of a project form layers: no folder uses a folder that uses it
/// back, directly or through others. The project's root folder holds the front door (Rule, the targets' entry
/// points), which may use every stage, so it stands outside the rule.
/// </summary>
public sealed class FolderCycleTests
{
    public static TheoryData<string> Projects => [.. ProjectSource.Names];

    [Theory]
    [MemberData(nameof(Projects))]
    public void No_folder_uses_a_folder_that_uses_it_back(string name)
    {
        var graph = new FolderGraph(ProjectSource.Load(name));
        var cycles = graph.Cycles(outside: "");

        Assert.True(cycles.Count == 0, $"{name} has folders that use each other:\n" + string.Join('\n', cycles.Select(c =>
            string.Join(" -> ", c.Append(c[0])) + "\n  " + string.Join("\n  ", c.Select((f, i) => graph.Example(f, c[(i + 1) % c.Count]))))));
    }
}
