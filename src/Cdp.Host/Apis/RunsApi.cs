using System.Globalization;
using Cdp.Host.Security;
using Cdp.Host.Web;

namespace Cdp.Host.Apis;

/// <summary><c>GET /api/runs</c>: the ETL history and the run under way; <c>POST /api/runs</c>: run now (editors).</summary>
internal static class RunsApi
{
    public sealed record RunRequest(string? AsOf);

    public static void MapRunsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/runs", (ProfileWorkspace workspace, int? limit) =>
            Results.Ok(new { running = workspace.Running, runs = workspace.Runner.History(Math.Clamp(limit ?? 100, 1, 1000)) })).WithName("Runs");
        api.MapPost("/runs", Start).RequireAuthorization(Roles.CanEdit).WithName("RunNow");
    }

    private static IResult Start(RunRequest? request, ProfileWorkspace workspace)
    {
        DateOnly asOf;
        if (request?.AsOf is { Length: > 0 } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
            {
                return ApiProblems.BadRequest($"asOf is a date such as 2019-10-31, not `{text}`");
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

        return workspace.Start(asOf, "web") is { } started
            ? Results.Accepted("/api/runs", started)
            : Results.Problem("a run is already in progress", statusCode: StatusCodes.Status409Conflict);
    }
}
