using System.Globalization;
using Cdp.Host.Services;
using Cdp.Pipeline.Store.Explore;
using Cdp.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// <c>GET /api/profiles</c>: pages of customers (search by id, sort by any metric, filter by a rule), counted
/// and paged by the store; <c>GET /api/profiles/{id}</c>: one customer's metrics, days, recent events and
/// segments, each with why.
/// </summary>
internal static class ProfilesApi
{
    public sealed record ProfilePageDto(long Total, int Offset, int Limit, DateOnly? AsOf, IReadOnlyList<ProfileJson.ProfileDto> Profiles);

    /// <summary>A saved segment as it applies to one customer: member or not, and why.</summary>
    public sealed record SegmentMembership(string Name, string Rule, bool Member, TruthValue? Value, ExplanationNode? Why, IReadOnlyList<SavedSegmentRules.AggregateEvidence> Evidence);

    public sealed record ProfileDetail(long UserId, DateOnly? AsOf, IReadOnlyList<ProfileJson.DescribedMetric> Metrics, IReadOnlyList<CustomerDay> Days,
        IReadOnlyList<CustomerEvent> Events, IReadOnlyList<SegmentMembership> Segments);

    public static void MapProfilesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/profiles", Page).WithName("Profiles");
        api.MapGet("/profiles/{id}", Detail).WithName("Profile");
    }

    private static Results<Ok<ProfilePageDto>, ProblemHttpResult> Page(ProfileWorkspace workspace, string? search, string? sort, string? order, string? filter, int? offset, int? limit)
    {
        Rule? rule = null;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var parsed = Rule.Parse(filter, workspace.Catalog.Catalog);
            if (!parsed.Succeeded)
            {
                return ApiProblems.InvalidRule(parsed);
            }

            rule = parsed.Rule;
        }

        if (order is not (null or "asc" or "desc"))
        {
            return ApiProblems.BadRequest($"order is asc or desc, not `{order}`");
        }

        using var store = workspace.Open();
        var take = Math.Clamp(limit ?? 50, 1, 1000);
        var skip = Math.Max(offset ?? 0, 0);
        try
        {
            var page = store.Explorer.Page(new ProfilePageRequest(search?.Trim(), rule, workspace.Snapshot.Clock, sort, order == "desc", skip, take));
            return TypedResults.Ok(new ProfilePageDto(page.Total, skip, take, store.ProfilesAsOf, [.. page.Rows.Select(ProfileJson.Write)]));
        }
        catch (ArgumentException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }

    private static Results<Ok<ProfileDetail>, ProblemHttpResult> Detail(string id, ProfileWorkspace workspace)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            return ApiProblems.BadRequest($"a profile id is a user_id (digits), not `{id}`");
        }

        using var store = workspace.Open();
        if (store.Profiles(userId, SavedSegmentRules.Derived(store)).FirstOrDefault() is not { } profile)
        {
            return ApiProblems.NotFound($"user {userId} has no profile" + (store.ProfilesAsOf is { } day ? $" as of {day:yyyy-MM-dd}" : ": no ETL has run yet"));
        }

        var clock = workspace.Snapshot.Clock;
        var row = SavedSegmentRules.Row(store, profile);
        var options = store.Segments.Options();
        var history = new Lazy<IReadOnlyList<RuleEvent>>(() => store.ProfilesAsOf is { } day ? store.Explorer.RuleEvents(userId, day) : []);
        var segments = store.Segments.List().Select(segment =>
        {
            var rule = Rule.Parse(segment.Rule, workspace.Catalog.Catalog, options).Rule;
            var explanation = SavedSegmentRules.Explain(rule, workspace.Catalog.Catalog, row, clock);
            return new SegmentMembership(segment.Name, segment.Rule, explanation?.Value == TruthValue.True, explanation?.Value, explanation?.Root,
                SavedSegmentRules.Evidence(rule, () => history.Value, clock));
        }).ToList();
        return TypedResults.Ok(new ProfileDetail(userId, store.ProfilesAsOf, [.. ProfileJson.Described(profile, workspace.Catalog), .. ComputedMetricValues.Of(store, row, clock)],
            store.Explorer.Days(userId), store.Explorer.RecentEvents(userId, 50), segments));
    }
}
