using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Scheduling;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// <c>POST /api/profiles/import {path, asOf}</c> (editors): profiles a Spark job computed, read from a Parquet
/// file or folder under the configured import root (<c>--import-root</c>), replace the stored profiles as of that
/// day; every segment is evaluated on them and the run is kept in the history (trigger "import"). The host is
/// the one writer of its embedded store, so a cluster hands it the profiles rather than writing the file. The
/// file is read whole before anything is replaced: a file that will not do fails the run (422, the history says
/// why) and the store, the preview and the segments stay as they were.
/// </summary>
internal static class ImportApi
{
    /// <param name="Membership">The segment members Spark computed for the day (its segment_membership partition); none, the host evaluates the segments.</param>
    public sealed record ImportRequest(string? Path, string? AsOf, string? Membership = null);

    public static void MapImportApi(this RouteGroupBuilder api) =>
        api.MapPost("/profiles/import", ImportAsync).RequireAuthorization(Roles.CanEdit).WithName("ImportProfiles");

    private static async Task<Results<Ok<EtlRun>, ProblemHttpResult>> ImportAsync(ImportRequest request, ProfileWorkspace workspace, IOptions<CdpHostOptions> options, CancellationToken cancellationToken)
    {
        if (options.Value.ImportRoot is not { } folder)
        {
            return ApiProblems.BadRequest("imports are off: start the host with --import-root DIR (the folder Spark writes its profiles to)");
        }

        if (!AsOfDate.TryParse(request.AsOf, "asOf", out var asOf, out var wrongDate))
        {
            return wrongDate;
        }

        var root = new ImportRoot(folder);
        if (root.Files(request.Path, out var problem, out var absent) is not { } source)
        {
            return absent ? ApiProblems.NotFound(problem!) : ApiProblems.BadRequest(problem!);
        }

        IReadOnlyList<string>? membership = null;
        if (request.Membership is not null && (membership = root.Files(request.Membership, out problem, out absent)) is null)
        {
            return absent ? ApiProblems.NotFound(problem!) : ApiProblems.BadRequest(problem!);
        }

        var runner = workspace.RunnerFor((store, day) => store.LoadProfiles(DuckDbProfileReader.ReadParquet(source, workspace.Catalog), day, membership), maxAttempts: 1);
        var run = await runner.RunAsync(asOf, "import", cancellationToken);
        return run.Status == EtlRunStatus.Succeeded
            ? TypedResults.Ok(run)
            : TypedResults.Problem($"the import as of {asOf:yyyy-MM-dd} {run.Status}: {run.Error}", statusCode: run.Status == EtlRunStatus.Skipped ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
    }
}
