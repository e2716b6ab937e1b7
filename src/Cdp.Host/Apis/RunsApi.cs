using System.Globalization;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary><c>GET /api/runs</c>: the ETL history and the run under way; <c>POST /api/runs</c>: run now (editors).</summary>
internal static class RunsApi
{
    /// <summary>Runs more than this many days past the lake's last event are asked to confirm: every customer would look inactive.</summary>
    public const int DaysPastLastEvent = 7;

    /// <param name="Confirm">True to run as of a day far past the lake's last event anyway.</param>
    public sealed record RunRequest(string? AsOf, bool? Confirm = null);

    /// <summary>The run under way (if any) and the history, newest first.</summary>
    public sealed record RunsDto(EtlInProgress? Running, IReadOnlyList<EtlRun> Runs);

    public static void MapRunsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/runs", (ProfileWorkspace workspace, int? limit) =>
            TypedResults.Ok(new RunsDto(workspace.Running, workspace.Runner.History(Math.Clamp(limit ?? 100, 1, 1000))))).WithName("Runs");
        api.MapPost("/runs", Start).RequireAuthorization(Roles.CanEdit).WithName("RunNow");
    }

    private static Results<Accepted<EtlInProgress>, ProblemHttpResult> Start(RunRequest? request, ProfileWorkspace workspace)
    {
        DateOnly asOf;
        if (request?.AsOf is { Length: > 0 } text)
        {
            if (!AsOfDate.TryParse(text, "asOf", out asOf, out var wrongDate))
            {
                return wrongDate;
            }
        }
        else if (workspace.LatestEventDate is { } latest)
        {
            asOf = latest;
        }
        else
        {
            return ApiProblems.BadRequest("the lake has no events yet: ingest some first (cdp ingest)");
        }

        if (request?.Confirm != true && workspace.LatestEventDate is { } last && asOf.DayNumber - last.DayNumber > DaysPastLastEvent)
        {
            return TypedResults.Problem(
                $"the lake's last event is on {last:yyyy-MM-dd}, {asOf.DayNumber - last.DayNumber} days before {asOf:yyyy-MM-dd}: as of then every windowed metric is 0 and most segments empty. Run anyway?",
                statusCode: StatusCodes.Status409Conflict, title: "Far past the last event",
                extensions: new Dictionary<string, object?> { ["needsConfirmation"] = true, ["lastEventDate"] = last });
        }

        return workspace.Start(asOf, "web") is { } started
            ? TypedResults.Accepted("/api/runs", started)
            : ApiProblems.Conflict("a run is already in progress");
    }
}
