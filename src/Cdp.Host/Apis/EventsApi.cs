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

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return Results.Problem($"the body is not JSON: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }

        using (body)
        {
            var events = body.RootElement.ValueKind == JsonValueKind.Array ? body.RootElement
                : body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("events", out var inner) && inner.ValueKind == JsonValueKind.Array ? inner
                : (JsonElement?)null;
            if (events is not { } batch)
            {
                return Results.Problem("send a JSON array of events, or {\"events\": [...]}", statusCode: StatusCodes.Status400BadRequest);
            }

            if (batch.GetArrayLength() > options.Value.MaxBatch)
            {
                return Results.Problem($"a batch holds at most {options.Value.MaxBatch} events", statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            var refused = new List<object>();
            var deliveries = new List<Task<DeliveryResult<string, byte[]>>>();
            var index = 0;
            foreach (var element in batch.EnumerateArray())
            {
                if (EventJson.TryParse(JsonSerializer.SerializeToUtf8Bytes(element), out var e, out var reason))
                {
                    deliveries.Add(producer.ProduceAsync(options.Value.Topic,
                        new Message<string, byte[]> { Key = e!.UserId.ToString(CultureInfo.InvariantCulture), Value = EventJson.ToUtf8(e) }, cancellationToken));
                }
                else
                {
                    refused.Add(new { index, reason });
                }

                index++;
            }

            try
            {
                await Task.WhenAll(deliveries);
            }
            catch (ProduceException<string, byte[]> e)
            {
                return Results.Problem($"Kafka refused the events: {e.Error.Reason}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Accepted(value: new { accepted = deliveries.Count, rejected = refused.Count, errors = refused });
        }
    }
}
