using System.Globalization;
using System.Security.Claims;
using Cdp.Host.Rules;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Segments;
using Cdp.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// Segments: the list (size, size over time, last evaluated), save with validation (a new version each time,
/// evaluated at once on the stored profiles), detail with versions and entered/exited per day, members
/// (paged, and as CSV), explain for one member, and the live audience preview the editor calls as you type.
/// </summary>
internal static class SegmentsApi
{
    private const int SampleSize = 10;

    /// <param name="Version">The version that was edited; none (or 0) for a new segment. A stale one gets 409 with the current version.</param>
    public sealed record SegmentRequest(string? Name, string? Rule, string? Description, int? Version = null);

    public sealed record PreviewRequest(string? Rule);

    /// <summary>A segment in the list: its current version, its size as of the profiles' day (or why none), its sizes over time.</summary>
    public sealed record SegmentSummary(string Name, string Description, string Rule, string Owner, int Version, DateTime UpdatedAt,
        long? Size, DateOnly? LastEvaluated, string? NotEvaluated, IReadOnlyList<long> Sizes);

    /// <summary>A saved segment, with its size after the save's evaluation, or why it was not evaluated.</summary>
    public sealed record SavedSegment(string Name, string Description, string Rule, string Owner, int Version, DateTime CreatedAt, DateTime UpdatedAt,
        long? Size, string? EvaluationError);

    /// <summary>One version of a segment, with its size when it was last evaluated.</summary>
    public sealed record SegmentVersionDto(int Version, string Rule, string Description, string Owner, DateTime SavedAt, long? Size, DateOnly? SizeAsOf);

    public sealed record SegmentDetail(string Name, string Description, string Rule, string Owner, int Version, DateTime CreatedAt, DateTime UpdatedAt,
        IReadOnlyList<SegmentVersionDto> Versions, IReadOnlyList<SegmentDay> History, DateOnly? LastEvaluated, long? Size, string? NotEvaluated,
        IReadOnlyList<string> Metrics);

    /// <summary>A sample member of a preview: its id and the metrics the rule reads.</summary>
    public sealed record SampleMember(long UserId, IReadOnlyDictionary<string, object?> Metrics);

    /// <summary>The editor's live preview: the check, and when the rule is valid, how many of the profiles it selects and a sample.</summary>
    public sealed record PreviewDto(bool Valid, string? Canonical, IReadOnlyList<DiagnosticShape> Diagnostics, long? Count, long? Total,
        DateOnly? AsOf, IReadOnlyList<string>? Metrics, IReadOnlyList<SampleMember> Sample, string? Note = null);

    /// <summary>A page of members as of the evaluated day; none evaluated yet, an empty page that says why.</summary>
    public sealed record MembersPage(long Total, int? Offset, int? Limit, DateOnly? AsOf, string? NotEvaluated, IReadOnlyList<ProfileJson.ProfileDto> Profiles);

    public sealed record MemberExplanation(string Segment, long UserId, TruthValue Value, string Text, ExplanationNode Why, IReadOnlyList<SavedSegmentRules.AggregateEvidence> Evidence);

    public static void MapSegmentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/segments", List).WithName("Segments");
        api.MapPost("/segments", Save).RequireAuthorization(Roles.CanEdit).WithName("SaveSegment");
        api.MapPost("/segments/preview", Preview).WithName("PreviewSegment");
        api.MapGet("/segments/spark-sql", SparkSql).Produces<string>(StatusCodes.Status200OK, "text/plain").WithName("SegmentsSparkSql");
        api.MapGet("/segments/{name}", Detail).WithName("Segment");
        api.MapGet("/segments/{name}/members", Members).WithName("SegmentMembers");
        api.MapGet("/segments/{name}/members.csv", ExportAsync).Produces<string>(StatusCodes.Status200OK, "text/csv").WithName("SegmentMembersCsv");
        api.MapGet("/segments/{name}/explain/{userId}", Explain).WithName("ExplainMember");
    }

    private static Ok<List<SegmentSummary>> List(ProfileWorkspace workspace)
    {
        using var store = workspace.Open();
        var asOf = store.ProfilesAsOf;
        var evaluations = store.Segments.CurrentEvaluations(asOf);
        return TypedResults.Ok(store.Segments.List().Select(segment =>
        {
            var history = store.Segments.History(segment.Name);
            var evaluation = evaluations.GetValueOrDefault(segment.Name);
            return new SegmentSummary(segment.Name, segment.Description, segment.Rule, segment.Owner, segment.Version, segment.UpdatedAt,
                evaluation?.Members, evaluation?.AsOf, evaluation is null ? NotEvaluated(segment.Version, asOf) : null, [.. history.Select(d => d.Members)]);
        }).ToList()); // materialised before the store closes: serialisation happens after this method returns
    }

    /// <summary>The metrics a rule reads, in the order it first names them (none when it no longer checks against the catalog).</summary>
    private static IReadOnlyList<string> MetricsRead(string rule, ProfileWorkspace workspace) =>
        Rule.Parse(rule, workspace.Catalog.Catalog, workspace.RuleOptions()).Rule is { } parsed ? [.. parsed.Metrics.Select(m => m.Name).Distinct()] : [];

    /// <summary>Why a segment shows no size: the page says so plainly instead of showing an older day's or version's.</summary>
    private static string NotEvaluated(int version, DateOnly? asOf) => asOf is { } day
        ? $"version {version} has not been evaluated on the profiles as of {day:yyyy-MM-dd} yet"
        : "no profiles yet: run the ETL";

    private static Results<Created<SavedSegment>, ProblemHttpResult> Save(SegmentRequest request, ProfileWorkspace workspace, ClaimsPrincipal user)
    {
        var name = request.Name ?? "";
        if ((SegmentNames.NameProblem(name) ?? SegmentNames.DescriptionProblem(request.Description)) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        var parsed = Rule.Parse(request.Rule ?? "", workspace.Catalog.Catalog, workspace.RuleOptions());
        if (!parsed.Succeeded)
        {
            return ApiProblems.InvalidRule(parsed);
        }

        var answer = workspace.Write<Results<Created<SavedSegment>, ProblemHttpResult>>(store =>
        {
            var saved = store.Segments.Save(name, request.Rule!, request.Description?.Trim() ?? "", Principal.Name(user), request.Version ?? 0);
            if (saved.Segment is not { } segment)
            {
                return saved.Refusal is SegmentSaveRefusal.NameTaken or SegmentSaveRefusal.StaleVersion
                    ? ApiProblems.Conflict(saved.Problem, new Dictionary<string, object?> { ["currentVersion"] = saved.CurrentVersion })
                    : ApiProblems.BadRequest(saved.Problem ?? "the segment was not saved");
            }

            // The version is saved: whatever happens to its evaluation now, the answer is that it was saved.
            string? evaluationError = null;
            try
            {
                if (store.ProfilesAsOf is { } asOf)
                {
                    store.EvaluateSegments(asOf, only: name);
                }
            }
            catch (Exception e) when (e is DuckDB.NET.Data.DuckDBException or InvalidOperationException or IOException)
            {
                evaluationError = $"saved, but not evaluated yet ({e.Message}); the next ETL run evaluates it";
            }

            var evaluation = store.Segments.CurrentEvaluation(name, store.ProfilesAsOf);
            return TypedResults.Created($"/api/segments/{Uri.EscapeDataString(name)}", new SavedSegment(
                segment.Name, segment.Description, segment.Rule, segment.Owner, segment.Version, segment.CreatedAt, segment.UpdatedAt, evaluation?.Members, evaluationError));
        });
        if (answer.Result is Created<SavedSegment>)
        {
            workspace.ReloadSoon(); // previews of rules that read this segment (in_segment) learn its membership
        }

        return answer;
    }

    private static Ok<PreviewDto> Preview(PreviewRequest request, ProfileWorkspace workspace)
    {
        var options = workspace.RuleOptions();
        var parsed = Rule.Parse(request.Rule ?? "", workspace.Catalog.Catalog, options);
        var check = DiagnosticJson.Shape(parsed);
        if (!parsed.Succeeded)
        {
            return TypedResults.Ok(new PreviewDto(check.Valid, check.Canonical, check.Diagnostics, null, null, null, null, []));
        }

        var snapshot = workspace.Snapshot;
        var rule = parsed.Rule;
        var table = snapshot.Table;
        if (rule.Derived.Count > 0)
        {
            // v2: aggregates are read from the columns the last run computed; those it did not are computed now over the
            // lake (cached by identity); a segment reference reads the membership of the profiles' day.
            rule = Rule.Parse(rule.Text, snapshot.Catalog, options).Rule!;
            if (rule.Aggregates.Any(a => !snapshot.Catalog.TryGetMetric(a.Name, out _)))
            {
                var (extended, catalog) = workspace.WithAggregates(rule);
                (rule, table) = (Rule.Parse(rule.Text, catalog, options).Rule!, extended);
            }

            if (rule.MissingDerivedColumns() is [var missing, ..])
            {
                return TypedResults.Ok(new PreviewDto(check.Valid, check.Canonical, check.Diagnostics, null, snapshot.Table.RowCount, snapshot.AsOf, null, [],
                    $"{missing.Found} is not known yet: the next ETL run evaluates it"));
            }
        }

        using var selection = ColumnarTarget.Evaluate(rule, snapshot.Clock, table);
        var shown = parsed.Rule.Metrics.Select(m => m.Name).Distinct().ToList();
        var sample = selection.Rows().Take(SampleSize)
            .Select(row => new SampleMember(snapshot.Table.Ids[row], shown.ToDictionary(m => m, m => snapshot.Table.ValueAt(m, row))))
            .ToList();
        return TypedResults.Ok(new PreviewDto(check.Valid, check.Canonical, check.Diagnostics, selection.Count, snapshot.Table.RowCount, snapshot.AsOf, shown, sample));
    }

    /// <summary>Every saved segment as one Spark SQL script for the cluster's segment job (text/plain).</summary>
    private static Results<ContentHttpResult, ProblemHttpResult> SparkSql(ProfileWorkspace workspace, string? asOf, string? warehouse)
    {
        if (!AsOfDate.TryParse(asOf, "asOf", out var day, out var wrongDate))
        {
            return wrongDate;
        }

        using var store = workspace.Open();
        var segments = store.Segments.List()
            .Select(s => (s.Name, Rule: Rule.Parse(s.Rule, workspace.Catalog.Catalog, store.Segments.Options()).Rule))
            .Where(s => s.Rule is not null)
            .Select(s => (s.Name, s.Rule!))
            .ToList();
        return TypedResults.Text(Pipeline.Etl.SparkSegmentSql.Build(segments, day, warehouse ?? Pipeline.Etl.SparkEtlFiles.DefaultWarehouse), "text/plain; charset=utf-8");
    }

    private static Results<Ok<SegmentDetail>, ProblemHttpResult> Detail(string name, ProfileWorkspace workspace)
    {
        using var store = workspace.Open();
        if (store.Segments.Find(name) is not { } segment)
        {
            return ApiProblems.NotFound($"no segment `{name}`");
        }

        var evaluation = store.Segments.CurrentEvaluation(name, store.ProfilesAsOf);
        var sizes = store.Segments.Lifecycle.VersionSizes(name);
        var versions = store.Segments.Versions(name)
            .Select(v => new SegmentVersionDto(v.Version, v.Rule, v.Description, v.Owner, v.UpdatedAt, sizes.GetValueOrDefault(v.Version)?.Members, sizes.GetValueOrDefault(v.Version)?.AsOf))
            .ToList();
        return TypedResults.Ok(new SegmentDetail(segment.Name, segment.Description, segment.Rule, segment.Owner, segment.Version, segment.CreatedAt, segment.UpdatedAt,
            versions, store.Segments.History(name), evaluation?.AsOf, evaluation?.Members, evaluation is null ? NotEvaluated(segment.Version, store.ProfilesAsOf) : null,
            MetricsRead(segment.Rule, workspace)));
    }

    private static Results<Ok<MembersPage>, ProblemHttpResult> Members(string name, ProfileWorkspace workspace, int? offset, int? limit)
    {
        using var store = workspace.Open();
        if (store.Segments.Find(name) is not { } segment)
        {
            return ApiProblems.NotFound($"no segment `{name}`");
        }

        if (store.Segments.CurrentEvaluation(name, store.ProfilesAsOf) is not { AsOf: var asOf })
        {
            return TypedResults.Ok(new MembersPage(0, null, null, null, NotEvaluated(segment.Version, store.ProfilesAsOf), []));
        }

        var skip = Math.Max(offset ?? 0, 0);
        var take = Math.Clamp(limit ?? 50, 1, 1000);
        var page = store.Explorer.SegmentMembers(name, asOf, skip, take);
        return TypedResults.Ok(new MembersPage(page.Total, skip, take, asOf, null, [.. page.Rows.Select(ProfileJson.Write)]));
    }

    private static async Task ExportAsync(string name, ProfileWorkspace workspace, HttpResponse response)
    {
        using var store = workspace.Open();
        if (store.Segments.Find(name) is not { } segment || store.Segments.CurrentEvaluation(name, store.ProfilesAsOf) is not { AsOf: var asOf })
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            await response.WriteAsync(store.Segments.Find(name) is { } found ? NotEvaluated(found.Version, store.ProfilesAsOf) : $"no segment `{name}`");
            return;
        }

        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{safe}-{asOf:yyyy-MM-dd}.csv\"";
        using (var header = new StringWriter())
        {
            ProfileCsvWriter.WriteHeader(header, workspace.Catalog);
            await response.WriteAsync(header.ToString());
        }

        const int Chunk = 10_000;
        for (var offset = 0; ; offset += Chunk)
        {
            var page = store.Explorer.SegmentMembers(name, asOf, offset, Chunk);
            using var text = new StringWriter();
            foreach (var profile in page.Rows)
            {
                ProfileCsvWriter.WriteRow(text, profile, workspace.Catalog);
            }

            await response.WriteAsync(text.ToString());
            if (page.Rows.Count < Chunk)
            {
                break;
            }
        }
    }

    private static Results<Ok<MemberExplanation>, ProblemHttpResult> Explain(string name, string userId, ProfileWorkspace workspace)
    {
        if (!long.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return ApiProblems.BadRequest($"a user id is digits, not `{userId}`");
        }

        using var store = workspace.Open();
        if (store.Segments.Find(name) is not { } segment)
        {
            return ApiProblems.NotFound($"no segment `{name}`");
        }

        if (store.Profiles(id, SavedSegmentRules.Derived(store)).FirstOrDefault() is not { } profile)
        {
            return ApiProblems.NotFound($"user {id} has no profile");
        }

        var rule = Rule.Parse(segment.Rule, workspace.Catalog.Catalog, store.Segments.Options()).Rule;
        if (SavedSegmentRules.Explain(rule, workspace.Catalog.Catalog, SavedSegmentRules.Row(store, profile), workspace.Snapshot.Clock) is not { } explanation)
        {
            return ApiProblems.BadRequest($"segment `{name}` no longer checks against the catalog, or reads an aggregate the next ETL run computes: edit its rule, or run the ETL");
        }

        var evidence = SavedSegmentRules.Evidence(rule, () => store.ProfilesAsOf is { } day ? store.Explorer.RuleEvents(id, day) : [], workspace.Snapshot.Clock);
        return TypedResults.Ok(new MemberExplanation(name, id, explanation.Value, explanation.ToString(), explanation.Root, evidence));
    }
}
