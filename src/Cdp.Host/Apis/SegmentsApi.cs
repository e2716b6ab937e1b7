using System.Globalization;
using System.Security.Claims;
using Cdp.Host.Security;
using Cdp.Host.Web;
using Cdp.Pipeline.Profiles;
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

    public sealed record SegmentRequest(string? Name, string? Rule, string? Description);

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
        return Results.Ok(store.Segments.List().Select(segment =>
        {
            var history = store.Segments.History(segment.Name);
            return new
            {
                name = segment.Name,
                description = segment.Description,
                rule = segment.Rule,
                owner = segment.Owner,
                version = segment.Version,
                updatedAt = segment.UpdatedAt,
                size = history.Count > 0 ? history[^1].Members : (long?)null,
                lastEvaluated = history.Count > 0 ? history[^1].AsOf : (DateOnly?)null,
                sizes = history.Select(d => d.Members).ToList(),
            };
        }).ToList()); // materialised before the store closes: serialisation happens after this method returns
    }

    private static IResult Save(SegmentRequest request, ProfileWorkspace workspace, ClaimsPrincipal user)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            return ApiProblems.BadRequest("a segment name is 1 to 100 characters, none of them control characters");
        }

        var parsed = Rule.Parse(request.Rule ?? "", workspace.Catalog.Catalog);
        if (!parsed.Succeeded)
        {
            return ApiProblems.InvalidRule(parsed);
        }

        using var store = workspace.Open();
        var (segment, _) = store.Segments.Save(name, request.Rule!, request.Description?.Trim() ?? "", Principal.Name(user));
        if (store.ProfilesAsOf is { } asOf)
        {
            store.Segments.Evaluate(asOf, only: name);
        }

        return Results.Created($"/api/segments/{Uri.EscapeDataString(name)}", segment);
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
    private static IResult SparkSql(ProfileWorkspace workspace, string? asOf)
    {
        if (!DateOnly.TryParseExact(asOf ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return ApiProblems.BadRequest($"asOf is a date such as 2019-10-31, not `{asOf}`");
        }

        using var store = workspace.Open();
        var segments = store.Segments.List()
            .Select(s => (s.Name, Rule: Rule.Parse(s.Rule, workspace.Catalog.Catalog).Rule))
            .Where(s => s.Rule is not null)
            .Select(s => (s.Name, s.Rule!))
            .ToList();
        return Results.Text(Pipeline.Etl.SparkSegmentSql.Build(segments, day), "text/plain; charset=utf-8");
    }

    private static IResult Detail(string name, ProfileWorkspace workspace)
    {
        using var store = workspace.Open();
        if (store.Segments.Find(name) is not { } segment)
        {
            return ApiProblems.NotFound($"no segment `{name}`");
        }

        return Results.Ok(new
        {
            segment.Name,
            segment.Description,
            segment.Rule,
            segment.Owner,
            segment.Version,
            segment.CreatedAt,
            segment.UpdatedAt,
            versions = store.Segments.Versions(name).Select(v => new { v.Version, v.Rule, v.Description, v.Owner, savedAt = v.UpdatedAt }),
            history = store.Segments.History(name),
            lastEvaluated = store.Segments.LastEvaluated(name),
        });
    }

    private static IResult Members(string name, ProfileWorkspace workspace, int? offset, int? limit)
    {
        using var store = workspace.Open();
        if (store.Segments.Find(name) is null)
        {
            return ApiProblems.NotFound($"no segment `{name}`");
        }

        if (store.Segments.LastEvaluated(name) is not { } asOf)
        {
            return Results.Ok(new { total = 0, asOf = (DateOnly?)null, profiles = Array.Empty<object>() });
        }

        var skip = Math.Max(offset ?? 0, 0);
        var take = Math.Clamp(limit ?? 50, 1, 1000);
        var page = store.Explorer.SegmentMembers(name, asOf, skip, take);
        return Results.Ok(new { total = page.Total, offset = skip, limit = take, asOf, profiles = page.Rows.Select(ProfileJson.Write) });
    }

    private static async Task ExportAsync(string name, ProfileWorkspace workspace, HttpResponse response)
    {
        using var store = workspace.Open();
        if (store.Segments.Find(name) is null || store.Segments.LastEvaluated(name) is not { } asOf)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            await response.WriteAsync($"no evaluated segment `{name}`");
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
