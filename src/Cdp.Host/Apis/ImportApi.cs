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
    public sealed record ImportRequest(string? Path, string? AsOf);

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

        var full = Path.GetFullPath(Path.Combine(root, request.Path ?? ""));
        var inside = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(inside, StringComparison.Ordinal))
        {
            return ApiProblems.BadRequest($"path must stay inside the import root; `{request.Path}` does not");
        }

        var source = Directory.Exists(full) ? Path.Combine(full, "*.parquet") : full;
        if (!Directory.Exists(full) && !File.Exists(full) || Directory.Exists(full) && Directory.GetFiles(full, "*.parquet").Length == 0)
        {
            return ApiProblems.NotFound($"no Parquet at `{request.Path}` under the import root");
        }

        var runner = new EtlRunner(workspace.DataDirectory, day =>
        {
            long rows;
            using (var store = workspace.Open())
            {
                rows = store.LoadProfiles(DuckDbEtl.ReadParquet(source, workspace.Catalog), day);
            }

            workspace.Reload();
            return rows;
        }, maxAttempts: 1);
        var run = await runner.RunAsync(asOf, "import", cancellationToken);
        return run.Status == EtlRunStatus.Succeeded
            ? Results.Ok(run)
            : Results.Problem($"the import as of {asOf:yyyy-MM-dd} {run.Status}: {run.Error}", statusCode: run.Status == EtlRunStatus.Skipped ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
    }
}
