namespace Cdp.Host.Services;

/// <summary>
/// The folder imports may read from (<c>--import-root</c>), and the Parquet files a requested path names in
/// it. Paths are compared as real paths, every link resolved, so neither <c>..</c> nor a symbolic link inside
/// the root (to a folder or to one file) leads outside it.
/// </summary>
public sealed class ImportRoot(string root)
{
    /// <summary>The Parquet files a path names under the root (the file, or every <c>*.parquet</c> of a folder), or why not.</summary>
    /// <returns>The files; or null with <paramref name="problem"/> and whether the path is merely absent (<paramref name="absent"/>).</returns>
    public IReadOnlyList<string>? Files(string? path, out string? problem, out bool absent)
    {
        absent = false;
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            problem = string.IsNullOrEmpty(path) ? "give the path of the Parquet under the import root" : "a path may not hold a NUL character";
            return null;
        }

        var realRoot = RealPath(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(realRoot, path));
        if (!Inside(realRoot, full) || !Inside(realRoot, RealPath(full)))
        {
            problem = $"path must stay inside the import root; `{path}` does not";
            return null;
        }

        var files = Directory.Exists(full) ? Directory.GetFiles(full, "*.parquet").Order(StringComparer.Ordinal).ToList()
            : File.Exists(full) ? [full] : [];
        if (files.Count == 0)
        {
            absent = true;
            problem = $"no Parquet at `{path}` under the import root";
            return null;
        }

        if (files.FirstOrDefault(f => !Inside(realRoot, RealPath(f))) is { } escaping)
        {
            problem = $"path must stay inside the import root; `{Path.GetRelativePath(realRoot, escaping)}` links outside it";
            return null;
        }

        problem = null;
        return [.. files.Select(RealPath)];
    }

    private static bool Inside(string root, string path) =>
        path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link along it resolved (the parts that do not exist are kept as written).</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is not null)
            {
                try
                {
                    next = info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? RealPath(target.FullName) : next;
                }
                catch (IOException)
                {
                    return "\0a loop of links"; // no root begins with a NUL: treated as outside
                }
            }

            current = next;
        }

        return current;
    }
}
