using Cdp.Host.Services;

namespace Cdp.Host.Apis;

/// <summary><c>GET /api/dashboard</c>: customers, buyers, revenue and events per day, segment sizes, the last ETL run.</summary>
internal static class DashboardApi
{
    public static void MapDashboardApi(this RouteGroupBuilder api) => api.MapGet("/dashboard", (ProfileWorkspace workspace) =>
    {
        using var store = workspace.Open();
        var sizes = store.Segments.CurrentEvaluations(store.ProfilesAsOf); // one query, not each segment's whole history
        var segments = store.Segments.List().Select(s => new { name = s.Name, size = sizes.GetValueOrDefault(s.Name)?.Members }).ToList();
        return Results.Ok(new
        {
            asOf = store.ProfilesAsOf,
            profiles = store.Explorer.ProfileCount(),
            days = store.Explorer.StoreDays(),
            segments,
            lastRun = workspace.Runner.History(1).FirstOrDefault(),
            running = workspace.Running,
        });
    }).WithName("Dashboard");
}
