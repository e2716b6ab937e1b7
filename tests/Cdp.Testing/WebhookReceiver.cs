using System.Collections.Concurrent;
using Cdp.Pipeline.Activation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cdp.Testing;

/// <summary>How a <see cref="WebhookReceiver"/> answers one request.</summary>
public enum ReceiverAnswer
{
    Ok,

    /// <summary>500 before reading the changes.</summary>
    FailBefore,

    /// <summary>Reads and keeps the changes, then 500: the sender will send them again.</summary>
    FailAfter,

    /// <summary>Keeps the changes and answers too late for the sender's timeout.</summary>
    Timeout,

    /// <summary>Drops the connection without an answer.</summary>
    Drop,

    /// <summary>Keeps the changes and answers 200 after a moment.</summary>
    Slow,
}

/// <summary>
/// A webhook receiver as a careful customer writes one (docs/activation.md): Kestrel on loopback, each request's
/// signature verified over the raw body, the changes kept by idempotency key (a change seen again is not applied again).
/// A test's function chooses how each request is answered, failures included.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The changes kept, by key (the first arrival of each).</summary>
    public ConcurrentDictionary<string, MembershipChange> Changes { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request's batch key, in arrival order (the same key again is a retry).</summary>
    public ConcurrentQueue<string> BatchKeys { get; } = new();

    /// <summary>Every verified request's headers of the contract and raw body, in arrival order.</summary>
    public ConcurrentQueue<(string? ContentType, string IdempotencyKey, string Signature, byte[] Body)> Requests { get; } = new();

    /// <summary>Requests whose signature did not verify (answered 401).</summary>
    public int BadSignatures => _badSignatures;

    private int _badSignatures;

    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

    /// <param name="answer">How to answer a request, given its batch key and how many requests of that batch came before it.</param>
    public static async Task<WebhookReceiver> StartAsync(string secret, Func<string, int, ReceiverAnswer> answer, TimeSpan? tooLate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var batch = context.Request.Headers["Idempotency-Key"].ToString();
            var how = answer(batch, receiver._requests.AddOrUpdate(batch, 0, (_, before) => before + 1));
            if (how == ReceiverAnswer.Drop)
            {
                context.Abort();
                return;
            }

            if (how == ReceiverAnswer.FailBefore)
            {
                context.Response.StatusCode = 500;
                return;
            }

            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (!WebhookSignature.Verify(secret, context.Request.Headers[WebhookSignature.Header], body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))
                || context.Request.ContentType != "application/json")
            {
                Interlocked.Increment(ref receiver._badSignatures);
                context.Response.StatusCode = 401;
                return;
            }

            receiver.BatchKeys.Enqueue(context.Request.Headers["Idempotency-Key"].ToString());
            receiver.Requests.Enqueue((context.Request.ContentType, batch, context.Request.Headers[WebhookSignature.Header].ToString(), body));
            foreach (var change in ChangeJson.Read(body))
            {
                receiver.Changes.TryAdd(change.Key, change);
            }

            switch (how)
            {
                case ReceiverAnswer.FailAfter:
                    context.Response.StatusCode = 503;
                    context.Response.Headers.RetryAfter = "0";
                    return;
                case ReceiverAnswer.Timeout:
                    await Task.Delay(tooLate ?? TimeSpan.FromSeconds(2), CancellationToken.None);
                    break;
                case ReceiverAnswer.Slow:
                    await Task.Delay(150, CancellationToken.None);
                    break;
            }

            context.Response.StatusCode = 204;
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>
    /// An answer drawn at random: ok about half the time, each failure otherwise (seeded, thread-safe); and the batches
    /// whose key begins with 0 to 3 (a quarter) fail their first <paramref name="failFirst"/> requests, so they park.
    /// </summary>
    public static Func<string, int, ReceiverAnswer> Flaky(int seed, int failFirst)
    {
        var random = new Random(seed);
        var gate = new Lock();
        return (batch, before) =>
        {
            if (batch.Length > 0 && batch[0] is >= '0' and <= '3' && before < failFirst)
            {
                return ReceiverAnswer.FailBefore;
            }

            lock (gate)
            {
                return random.Next(100) switch
                {
                    < 50 => ReceiverAnswer.Ok,
                    < 60 => ReceiverAnswer.FailBefore,
                    < 70 => ReceiverAnswer.FailAfter,
                    < 78 => ReceiverAnswer.Timeout,
                    < 88 => ReceiverAnswer.Drop,
                    _ => ReceiverAnswer.Slow,
                };
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(); // disposing a started host does not stop it
        await _app.DisposeAsync();
    }
}
