using System.Globalization;
using System.Text.Json;
using Cdp.Host.Services;
using Cdp.Pipeline.Events;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Apis;

/// <summary>
/// The events endpoints: <c>GET /api/source/events</c> pages through a configured events file (the original
/// design's pull source), <c>POST /api/events</c> collects a JSON batch and produces the valid events to
/// Kafka, answering 202 with the refused ones and why.
/// </summary>
public static class EventsApi
{
    public static void MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/source/events", Page).WithName("SourceEvents");
        api.MapPost("/events", CollectAsync).RequireAuthorization(Security.Roles.CanEdit).WithName("CollectEvents");
    }

    private static IResult Page(long? offset, int? limit, EventSourceHolder source)
    {
        if (source.File is not { } file)
        {
            return Results.Problem("no source file is configured: start with `cdp serve --source-file FILE`", statusCode: StatusCodes.Status404NotFound);
        }

        var from = offset ?? 0;
        var count = Math.Clamp(limit ?? 1000, 1, 10_000);
        if (from < 0)
        {
            return Results.Problem("offset must be 0 or more", statusCode: StatusCodes.Status400BadRequest);
        }

        var lines = file.Page(from, count);
        return Results.Ok(new
        {
            offset = from,
            limit = count,
            total = file.Lines,
            next = from + lines.Count < file.Lines ? from + lines.Count : (long?)null,
            events = lines.Where(l => l.Event is not null).Select(l => JsonDocument.Parse(EventJson.ToUtf8(l.Event!)).RootElement),
            refused = lines.Where(l => l.Event is null).Select(l => new { line = l.LineNumber, reason = l.Reason }),
        });
    }

    private static async Task<IResult> CollectAsync(HttpRequest request, CollectorProducer collector, IOptions<CdpHostOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Results.Problem("send the events as JSON (Content-Type: application/json)", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // A batch is read whole into memory, so its size is capped low: a body over the cap is a 413, however it arrives.
        var limit = options.Value.MaxEventsBodyBytes;
        var tooLarge = Results.Problem(string.Create(CultureInfo.InvariantCulture, $"a batch of events is at most {limit:N0} bytes of JSON; send smaller batches"), statusCode: StatusCodes.Status413PayloadTooLarge);
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
            return Results.Problem("the collector has no Kafka: start with `cdp serve --kafka BOOTSTRAP`", statusCode: StatusCodes.Status503ServiceUnavailable);
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
            return Results.Problem(problem, statusCode: batch.TooMany ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }

        var deliveries = batch.Events.Select(e => producer.ProduceAsync(options.Value.Topic,
            new Message<string, byte[]> { Key = e.UserId.ToString(CultureInfo.InvariantCulture), Value = EventJson.ToUtf8(e) }, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(deliveries);
        }
        catch (ProduceException<string, byte[]> e)
        {
            return Results.Problem($"Kafka refused the events: {e.Error.Reason}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var errors = batch.Refused.Select(r => new { index = r.Index, reason = r.Reason }).ToList();
        return Results.Accepted(value: new { accepted = deliveries.Count, rejected = errors.Count, errors });
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
