using System.Globalization;
using Cdp.Host.Security;
using Cdp.Host.Web;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Scheduling;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Apis;

/// <summary>
/// <c>POST /api/profiles/import {path, asOf}</c> (editors): profiles a Spark job computed, read from a Parquet
/// file or folder under the configured import root (<c>--import-root</c>), replace the stored profiles as of that
/// day; every segment is evaluated on them and the run is kept in the history (trigger "import"). The host is
/// the one writer of its embedded store, so a cluster hands it the profiles rather than writing the file.
/// </summary>
internal static class ImportApi
{
    /// <param name="Membership">The segment members Spark computed for the day (its segment_membership partition); none, the host evaluates the segments.</param>
    public sealed record ImportRequest(string? Path, string? AsOf, string? Membership = null);

    public static void MapImportApi(this RouteGroupBuilder api) =>
        api.MapPost("/profiles/import", ImportAsync).RequireAuthorization(Roles.CanEdit).WithName("ImportProfiles");

    private static async Task<IResult> ImportAsync(ImportRequest request, ProfileWorkspace workspace, IOptions<CdpHostOptions> options, CancellationToken cancellationToken)
    {
        if (options.Value.ImportRoot is not { } root)
        {
            return ApiProblems.BadRequest("imports are off: start the host with --import-root DIR (the folder Spark writes its profiles to)");
        }

        if (!DateOnly.TryParseExact(request.AsOf ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
        {
            return ApiProblems.BadRequest($"asOf is a date such as 2019-10-31, not `{request.AsOf}`");
        }

        if (Source(root, request.Path) is not { } source)
        {
            return Refused(request.Path, root);
        }

        string? membership = null;
        if (request.Membership is not null && (membership = Source(root, request.Membership)) is null)
        {
            return Refused(request.Membership, root);
        }

        var runner = workspace.RunnerFor((store, day) => store.LoadProfiles(DuckDbEtl.ReadParquet(source, workspace.Catalog), day, membership), maxAttempts: 1);
        var run = await runner.RunAsync(asOf, "import", cancellationToken);
        return run.Status == EtlRunStatus.Succeeded
            ? Results.Ok(run)
            : Results.Problem($"the import as of {asOf:yyyy-MM-dd} {run.Status}: {run.Error}", statusCode: run.Status == EtlRunStatus.Skipped ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The Parquet a path names under the root (a file, or every file of a folder), or null when it is outside or absent.</summary>
    private static string? Source(string root, string? path)
    {
        if (Resolve(root, path) is not { } full)
        {
            return null;
        }

        return Directory.Exists(full) ? Directory.GetFiles(full, "*.parquet").Length > 0 ? Path.Combine(full, "*.parquet") : null
            : File.Exists(full) ? full : null;
    }

    private static IResult Refused(string? path, string root) => Resolve(root, path) is null
        ? ApiProblems.BadRequest($"path must stay inside the import root; `{path}` does not")
        : ApiProblems.NotFound($"no Parquet at `{path}` under the import root");

    /// <summary>The full path, or null when it leaves the root (`..`, an absolute path elsewhere).</summary>
    private static string? Resolve(string root, string? path)
    {
        var full = Path.GetFullPath(Path.Combine(root, path ?? ""));
        return full.StartsWith(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
