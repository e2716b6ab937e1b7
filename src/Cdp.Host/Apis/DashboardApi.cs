using Cdp.Host.Services;
using Cdp.Pipeline.Scheduling;
using Cdp.Pipeline.Store.Explore;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary><c>GET /api/dashboard</c>: customers, buyers, revenue and events per day, segment sizes, the last ETL run.</summary>
internal static class DashboardApi
{
    /// <summary>A segment's size as of the profiles' day; null when its current version is not evaluated on them.</summary>
    public sealed record SegmentSize(string Name, long? Size);

    public sealed record DashboardDto(DateOnly? AsOf, long Profiles, IReadOnlyList<StoreDay> Days, IReadOnlyList<SegmentSize> Segments, EtlRun? LastRun, EtlInProgress? Running);

    public static void MapDashboardApi(this RouteGroupBuilder api) => api.MapGet("/dashboard", (ProfileWorkspace workspace) =>
    {
        using var store = workspace.Open();
        var sizes = store.Segments.CurrentEvaluations(store.ProfilesAsOf); // one query, not each segment's whole history
        var segments = store.Segments.List().Select(s => new SegmentSize(s.Name, sizes.GetValueOrDefault(s.Name)?.Members)).ToList();
        return TypedResults.Ok(new DashboardDto(store.ProfilesAsOf, store.Explorer.ProfileCount(), store.Explorer.StoreDays(), segments,
            workspace.Runner.History(1).FirstOrDefault(), workspace.Running));
    }).WithName("Dashboard");
}
