using System.Globalization;
using System.Text.Json;
using Cdp.Host.Services;
using Cdp.Pipeline.Events;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// The events endpoints: <c>GET /api/source/events</c> pages through a configured events file (the original
/// design's pull source), <c>POST /api/events</c> collects a JSON batch and produces the valid events to
/// Kafka, answering 202 with the refused ones and why.
/// </summary>
public static class EventsApi
{
    public sealed record RefusedLine(long Line, string? Reason);

    /// <summary>A page of the source file: the valid events as the collector's JSON, the refused lines with why, and where the next page starts.</summary>
    public sealed record SourcePage(long Offset, int Limit, long Total, long? Next, IReadOnlyList<JsonElement> Events, IReadOnlyList<RefusedLine> Refused);

    /// <summary>What the collector did with a batch: how many events went to Kafka, and each refused one with its index and reason.</summary>
    public sealed record CollectedBatch(int Accepted, int Rejected, IReadOnlyList<RefusedEvent> Errors);

    public static void MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/source/events", Page).WithName("SourceEvents");
        api.MapPost("/events", CollectAsync).RequireAuthorization(Security.Roles.CanEdit).WithName("CollectEvents");
    }

    private static Results<Ok<SourcePage>, ProblemHttpResult> Page(long? offset, int? limit, EventSourceHolder source)
    {
        if (source.File is not { } file)
        {
            return ApiProblems.NotFound("no source file is configured: start with `cdp serve --source-file FILE`");
        }

        var from = offset ?? 0;
        var count = Math.Clamp(limit ?? 1000, 1, 10_000);
        if (from < 0)
        {
            return ApiProblems.BadRequest("offset must be 0 or more");
        }

        var lines = file.Page(from, count);
        return TypedResults.Ok(new SourcePage(
            from,
            count,
            file.Lines,
            from + lines.Count < file.Lines ? from + lines.Count : null,
            [.. lines.Where(l => l.Event is not null).Select(l => JsonSerializer.Deserialize<JsonElement>(EventJson.ToUtf8(l.Event!)))],
            [.. lines.Where(l => l.Event is null).Select(l => new RefusedLine(l.LineNumber, l.Reason))]));
    }

    private static async Task<Results<Accepted<CollectedBatch>, ProblemHttpResult>> CollectAsync(HttpRequest request, CollectorProducer collector, IOptions<CdpHostOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem("send the events as JSON (Content-Type: application/json)", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // A batch is read whole into memory, so its size is capped low: a body over the cap is a 413, however it arrives.
        var limit = options.Value.MaxEventsBodyBytes;
        var tooLarge = TypedResults.Problem(string.Create(CultureInfo.InvariantCulture, $"a batch of events is at most {limit:N0} bytes of JSON; send smaller batches"), statusCode: StatusCodes.Status413PayloadTooLarge);
        if (request.ContentLength > limit)
        {
            return tooLarge;
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (collector.Producer is not { } producer)
        {
            return TypedResults.Problem("the collector has no Kafka: start with `cdp serve --kafka BOOTSTRAP`", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        byte[]? body;
        try
        {
            body = await ReadCappedAsync(request.Body, limit, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }

        if (body is null)
        {
            return tooLarge;
        }

        // Parsed once: each element of the array becomes an event where it stands, and goes to Kafka in its canonical form.
        var batch = EventJson.ReadBatch(body, options.Value.MaxBatch);
        if (batch.BatchProblem is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: batch.TooMany ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }

        var deliveries = batch.Events.Select(e => producer.ProduceAsync(options.Value.Topic,
            new Message<string, byte[]> { Key = e.UserId.ToString(CultureInfo.InvariantCulture), Value = EventJson.ToUtf8(e) }, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(deliveries);
        }
        catch (ProduceException<string, byte[]> e)
        {
            return TypedResults.Problem($"Kafka refused the events: {e.Error.Reason}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Accepted((string?)null, new CollectedBatch(deliveries.Count, batch.Refused.Count, batch.Refused));
    }

    /// <summary>The body, read whole; null when it is longer than <paramref name="limit"/> bytes (however it arrives: chunked too).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
