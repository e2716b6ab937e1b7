using System.Security.Claims;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Activation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// Where segments' membership changes go (docs/activation.md). <c>GET /api/destinations</c> lists them with their
/// batches delivered, pending and parked; <c>POST /api/destinations</c> adds one (201); <c>DELETE
/// /api/destinations/{name}</c> removes it with its outbox; <c>GET /api/destinations/{name}/log</c> is its delivery
/// log; <c>POST /api/destinations/{name}/replay</c> puts parked batches back in line; <c>POST
/// /api/destinations/{name}/test</c> sends one test change now. Changing them takes an editor (or an API key).
/// </summary>
internal static class DestinationsApi
{
    /// <summary>A destination as the API shows it: never its secret, only whether it has one.</summary>
    public sealed record DestinationDto(string Name, string Kind, string? Url, string? Topic, string? Path, IReadOnlyList<string> Segments, int MaxAttempts, int BatchSize,
        bool HasSecret, string Owner, DateTime CreatedAt, long Delivered, long Pending, long Parked);

    public sealed record BatchDto(long Id, string Segment, DateOnly AsOf, int Changes, string Status, int Attempts, DateTime CreatedAt, DateTime? NextAttemptAt,
        DateTime? DeliveredAt, string? LastError, string? Detail, string IdempotencyKey);

    public sealed record ReplayDto(int Replayed);

    public sealed record TestSendDto(bool Delivered, string? Detail, string? Error);

    public static void MapDestinationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/destinations", List).WithName("Destinations");
        api.MapPost("/destinations", Add).RequireAuthorization(Roles.CanEdit).WithName("AddDestination");
        api.MapDelete("/destinations/{name}", Remove).RequireAuthorization(Roles.CanEdit).WithName("RemoveDestination");
        api.MapGet("/destinations/{name}/log", Log).WithName("DeliveryLog");
        api.MapPost("/destinations/{name}/replay", Replay).RequireAuthorization(Roles.CanEdit).WithName("ReplayDestination");
        api.MapPost("/destinations/{name}/test", TestSend).RequireAuthorization(Roles.CanEdit).WithName("TestSendDestination");
    }

    private static DestinationDto Dto(Destination d, DeliveryCounts? counts) => new(
        d.Name, d.Kind.ToString().ToLowerInvariant(),
        d.Kind == DestinationKind.Webhook ? d.Target : null, d.Kind == DestinationKind.Kafka ? d.Target : null, d.Kind == DestinationKind.Files ? d.Target : null,
        d.Segments, d.MaxAttempts, d.BatchSize, d.Secret is not null, d.Owner, d.CreatedAt, counts?.Delivered ?? 0, counts?.Pending ?? 0, counts?.Parked ?? 0);

    private static Ok<List<DestinationDto>> List(ProfileWorkspace workspace)
    {
        using var store = workspace.Open();
        var counts = store.Activation.Counts();
        return TypedResults.Ok(store.Activation.Destinations().Select(d => Dto(d, counts.GetValueOrDefault(d.Name))).ToList());
    }

    private static Results<Created<DestinationDto>, ProblemHttpResult> Add(DestinationRequest request, ProfileWorkspace workspace, ActivationDelivery activation, ClaimsPrincipal user)
    {
        var (destination, problem) = DestinationCheck.Check(request, Principal.Name(user), activation.Hosts);
        if (destination is null)
        {
            return ApiProblems.BadRequest(problem!);
        }

        if (destination.Kind == DestinationKind.Kafka && activation.Kafka is null)
        {
            return ApiProblems.BadRequest("this host has no Kafka: start it with --kafka BOOTSTRAP to add a Kafka destination");
        }

        return workspace.Write<Results<Created<DestinationDto>, ProblemHttpResult>>(store => store.Activation.Add(destination)
            ? TypedResults.Created($"/api/destinations/{Uri.EscapeDataString(destination.Name)}", Dto(destination, null))
            : ApiProblems.Conflict($"a destination named `{destination.Name}` exists already"));
    }

    private static Results<NoContent, ProblemHttpResult> Remove(string name, ProfileWorkspace workspace) =>
        workspace.Write<Results<NoContent, ProblemHttpResult>>(store => store.Activation.Remove(name) ? TypedResults.NoContent() : ApiProblems.NotFound($"no destination `{name}`"));

    private static Results<Ok<List<BatchDto>>, ProblemHttpResult> Log(string name, ProfileWorkspace workspace, int? limit)
    {
        using var store = workspace.Open();
        if (store.Activation.Find(name) is null)
        {
            return ApiProblems.NotFound($"no destination `{name}`");
        }

        return TypedResults.Ok(store.Activation.Log(name, Math.Clamp(limit ?? 100, 1, 1000))
            .Select(b => new BatchDto(b.Id, b.Segment, b.AsOf, b.Changes, b.Status.ToString().ToLowerInvariant(), b.Attempts, b.CreatedAt, b.NextAttemptAt, b.DeliveredAt,
                b.LastError, b.Detail, b.IdempotencyKey))
            .ToList());
    }

    private static Results<Ok<ReplayDto>, ProblemHttpResult> Replay(string name, long? batch, ProfileWorkspace workspace) =>
        workspace.Write<Results<Ok<ReplayDto>, ProblemHttpResult>>(store => store.Activation.Find(name) is null
            ? ApiProblems.NotFound($"no destination `{name}`")
            : TypedResults.Ok(new ReplayDto(store.Activation.Replay(name, batch))));

    private static async Task<Results<Ok<TestSendDto>, ProblemHttpResult>> TestSend(string name, ProfileWorkspace workspace, ActivationDelivery activation, CancellationToken cancellationToken)
    {
        Destination? destination;
        using (var store = workspace.Open())
        {
            destination = store.Activation.Find(name);
        }

        if (destination is null)
        {
            return ApiProblems.NotFound($"no destination `{name}`");
        }

        var outcome = await activation.Worker.TestSendAsync(destination, cancellationToken);
        return TypedResults.Ok(new TestSendDto(outcome.Delivered, outcome.Detail, outcome.Error));
    }
}
