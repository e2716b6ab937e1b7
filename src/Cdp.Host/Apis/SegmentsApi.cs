using System.Globalization;
using System.Security.Claims;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Segments;
using Cdp.Rules;

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

    public static void MapSegmentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/segments", List).WithName("Segments");
        api.MapPost("/segments", Save).RequireAuthorization(Roles.CanEdit).WithName("SaveSegment");
        api.MapPost("/segments/preview", Preview).WithName("PreviewSegment");
        api.MapGet("/segments/spark-sql", SparkSql).WithName("SegmentsSparkSql");
        api.MapGet("/segments/{name}", Detail).WithName("Segment");
        api.MapGet("/segments/{name}/members", Members).WithName("SegmentMembers");
        api.MapGet("/segments/{name}/members.csv", ExportAsync).WithName("SegmentMembersCsv");
        api.MapGet("/segments/{name}/explain/{userId}", Explain).WithName("ExplainMember");
    }

    private static IResult List(ProfileWorkspace workspace)
    {
        using var store = workspace.Open();
        var asOf = store.ProfilesAsOf;
        var evaluations = store.Segments.CurrentEvaluations(asOf);
        return Results.Ok(store.Segments.List().Select(segment =>
        {
            var history = store.Segments.History(segment.Name);
            var evaluation = evaluations.GetValueOrDefault(segment.Name);
            return new
            {
                name = segment.Name,
                description = segment.Description,
                rule = segment.Rule,
                owner = segment.Owner,
                version = segment.Version,
                updatedAt = segment.UpdatedAt,
                size = evaluation?.Members,
                lastEvaluated = evaluation?.AsOf,
                notEvaluated = evaluation is null ? NotEvaluated(segment.Version, asOf) : null,
                sizes = history.Select(d => d.Members).ToList(),
            };
        }).ToList()); // materialised before the store closes: serialisation happens after this method returns
    }

    /// <summary>Why a segment shows no size: the page says so plainly instead of showing an older day's or version's.</summary>
    private static string NotEvaluated(int version, DateOnly? asOf) => asOf is { } day
        ? $"version {version} has not been evaluated on the profiles as of {day:yyyy-MM-dd} yet"
        : "no profiles yet: run the ETL";

    private static IResult Save(SegmentRequest request, ProfileWorkspace workspace, ClaimsPrincipal user)
    {
        var name = request.Name ?? "";
        if ((SegmentNames.NameProblem(name) ?? SegmentNames.DescriptionProblem(request.Description)) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        var parsed = Rule.Parse(request.Rule ?? "", workspace.Catalog.Catalog);
        if (!parsed.Succeeded)
        {
            return ApiProblems.InvalidRule(parsed);
        }

        return workspace.Write(store =>
        {
            var saved = store.Segments.Save(name, request.Rule!, request.Description?.Trim() ?? "", Principal.Name(user), request.Version ?? 0);
            if (saved.Segment is not { } segment)
            {
                return saved.Refusal is SegmentSaveRefusal.NameTaken or SegmentSaveRefusal.StaleVersion
                    ? Results.Problem(saved.Problem, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["currentVersion"] = saved.CurrentVersion })
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
            return Results.Created($"/api/segments/{Uri.EscapeDataString(name)}", new
            {
                segment.Name,
                segment.Description,
                segment.Rule,
                segment.Owner,
                segment.Version,
                segment.CreatedAt,
                segment.UpdatedAt,
                size = evaluation?.Members,
                evaluationError,
            });
        });
    }

    private static IResult Preview(PreviewRequest request, ProfileWorkspace workspace)
    {
        var parsed = Rule.Parse(request.Rule ?? "", workspace.Catalog.Catalog);
        var check = Rules.DiagnosticJson.Shape(parsed);
        if (!parsed.Succeeded)
        {
            return Results.Ok(new { check.Valid, check.Canonical, check.Diagnostics, count = (long?)null, total = (long?)null, sample = Array.Empty<object>() });
        }

        var snapshot = workspace.Snapshot;
        var selection = ColumnarTarget.Evaluate(parsed.Rule, snapshot.Clock, snapshot.Table);
        var shown = parsed.Rule.Metrics.Select(m => m.Name).Distinct().ToList();
        var sample = new List<object>();
        foreach (var row in selection.Rows().Take(SampleSize))
        {
            sample.Add(new { userId = snapshot.Table.Ids[row], metrics = shown.ToDictionary(m => m, m => snapshot.Table.ValueAt(m, row)) });
        }

        return Results.Ok(new { check.Valid, check.Canonical, check.Diagnostics, count = selection.Count, total = snapshot.Table.RowCount, asOf = snapshot.AsOf, metrics = shown, sample });
    }

    /// <summary>Every saved segment as one Spark SQL script for the cluster's segment job (text/plain).</summary>
    private static IResult SparkSql(ProfileWorkspace workspace, string? asOf, string? warehouse)
    {
        if (!AsOfDate.TryParse(asOf, "asOf", out var day, out var wrongDate))
        {
            return wrongDate;
        }

        using var store = workspace.Open();
        var segments = store.Segments.List()
            .Select(s => (s.Name, Rule: Rule.Parse(s.Rule, workspace.Catalog.Catalog).Rule))
            .Where(s => s.Rule is not null)
            .Select(s => (s.Name, s.Rule!))
            .ToList();
        return Results.Text(Pipeline.Etl.SparkSegmentSql.Build(segments, day, warehouse ?? Pipeline.Etl.SparkEtlFiles.DefaultWarehouse), "text/plain; charset=utf-8");
    }

    private static IResult Detail(string name, ProfileWorkspace workspace)
    {
        using var store = workspace.Open();
        if (store.Segments.Find(name) is not { } segment)
        {
            return ApiProblems.NotFound($"no segment `{name}`");
        }

        var evaluation = store.Segments.CurrentEvaluation(name, store.ProfilesAsOf);
        var sizes = store.Segments.Lifecycle.VersionSizes(name);
        return Results.Ok(new
        {
            segment.Name,
            segment.Description,
            segment.Rule,
            segment.Owner,
            segment.Version,
            segment.CreatedAt,
            segment.UpdatedAt,
            versions = store.Segments.Versions(name).Select(v => new
            {
                v.Version,
                v.Rule,
                v.Description,
                v.Owner,
                savedAt = v.UpdatedAt,
                size = sizes.GetValueOrDefault(v.Version)?.Members,
                sizeAsOf = sizes.GetValueOrDefault(v.Version)?.AsOf,
            }).ToList(),
            history = store.Segments.History(name),
            lastEvaluated = evaluation?.AsOf,
            size = evaluation?.Members,
            notEvaluated = evaluation is null ? NotEvaluated(segment.Version, store.ProfilesAsOf) : null,
        });
    }

    private static IResult Members(string name, ProfileWorkspace workspace, int? offset, int? limit)
    {
        using var store = workspace.Open();
        if (store.Segments.Find(name) is not { } segment)
        {
            return ApiProblems.NotFound($"no segment `{name}`");
        }

        if (store.Segments.CurrentEvaluation(name, store.ProfilesAsOf) is not { AsOf: var asOf })
        {
            return Results.Ok(new { total = 0, asOf = (DateOnly?)null, notEvaluated = NotEvaluated(segment.Version, store.ProfilesAsOf), profiles = Array.Empty<object>() });
        }

        var skip = Math.Max(offset ?? 0, 0);
        var take = Math.Clamp(limit ?? 50, 1, 1000);
        var page = store.Explorer.SegmentMembers(name, asOf, skip, take);
        return Results.Ok(new { total = page.Total, offset = skip, limit = take, asOf, profiles = page.Rows.Select(ProfileJson.Write) });
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

    private static IResult Explain(string name, string userId, ProfileWorkspace workspace)
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

        if (store.Profiles(id).FirstOrDefault() is not { } profile)
        {
            return ApiProblems.NotFound($"user {id} has no profile");
        }

        var rule = Rule.Parse(segment.Rule, workspace.Catalog.Catalog).Rule;
        if (rule is null)
        {
            return ApiProblems.BadRequest($"segment `{name}` no longer checks against the catalog: edit its rule");
        }

        var explanation = rule.Explain(profile.Metrics, workspace.Snapshot.Clock);
        return Results.Ok(new { segment = name, userId = id, value = explanation.Value, text = explanation.ToString(), why = explanation.Root });
    }
}
