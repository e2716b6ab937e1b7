using System.Security.Claims;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Store.Segments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// A segment after it is saved: <c>DELETE /api/segments/{name}</c> archives it (history kept, restorable),
/// <c>GET /api/segments/archived</c> lists the archived, <c>POST /api/segments/{name}/restore</c> brings one back,
/// <c>POST /api/segments/{name}/rename</c> gives it a new name with its whole history. Editors only.
/// </summary>
internal static class SegmentLifecycleApi
{
    public sealed record RenameRequest(string? Name);

    public sealed record RenamedSegment(string? Name);

    public sealed record ArchivedDto(string Name, string Description, string Rule, int Version, string Owner, DateTime ArchivedAt, string ArchivedBy);

    public static void MapSegmentLifecycleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/segments/archived", (ProfileWorkspace workspace) =>
        {
            using var store = workspace.Open();
            return TypedResults.Ok(store.Segments.Lifecycle.Archived()
                .Select(a => new ArchivedDto(a.Segment.Name, a.Segment.Description, a.Segment.Rule, a.Segment.Version, a.Segment.Owner, a.ArchivedAt, a.ArchivedBy))
                .ToList());
        }).WithName("ArchivedSegments");

        api.MapDelete("/segments/{name}", (string name, ProfileWorkspace workspace, ClaimsPrincipal user) =>
            workspace.Write<Results<NoContent, ProblemHttpResult>>(store => store.Segments.Lifecycle.Archive(name, Principal.Name(user)) switch
            {
                LifecycleRefusal.None => TypedResults.NoContent(),
                LifecycleRefusal.InUse => ApiProblems.Conflict(SegmentLifecycle.InUse(name, store.Segments.ReadersOf(name))),
                _ => ApiProblems.NotFound($"no segment `{name}` to archive"),
            }))
            .RequireAuthorization(Roles.CanEdit).WithName("ArchiveSegment");

        api.MapPost("/segments/{name}/restore", (string name, ProfileWorkspace workspace) =>
            workspace.Write<Results<NoContent, ProblemHttpResult>>(store => store.Segments.Lifecycle.Restore(name) == LifecycleRefusal.None
                ? TypedResults.NoContent()
                : ApiProblems.NotFound($"no archived segment `{name}`")))
            .RequireAuthorization(Roles.CanEdit).WithName("RestoreSegment");

        api.MapPost("/segments/{name}/rename", (string name, RenameRequest request, ProfileWorkspace workspace) =>
            workspace.Write<Results<Ok<RenamedSegment>, ProblemHttpResult>>(store => store.Segments.Lifecycle.Rename(name, request.Name ?? "") switch
            {
                (LifecycleRefusal.None, _) => TypedResults.Ok(new RenamedSegment(request.Name)),
                (LifecycleRefusal.NotFound, var problem) => ApiProblems.NotFound(problem!),
                (LifecycleRefusal.NameTaken or LifecycleRefusal.InUse, var problem) => ApiProblems.Conflict(problem),
                (_, var problem) => ApiProblems.BadRequest(problem!),
            }))
            .RequireAuthorization(Roles.CanEdit).WithName("RenameSegment");
    }
}
