using System.Globalization;
using System.Net.Http.Headers;

namespace Cdp.Pipeline.Activation;

/// <summary>
/// POSTs a batch as <c>{"changes": [...]}</c> with <c>Idempotency-Key</c> (the batch's, the same on every attempt) and
/// <c>X-Cdp-Signature</c>. Any 2xx acknowledges the batch; 408, 429 and 5xx, timeouts and connection errors are worth a
/// retry (Retry-After honoured); any other answer is not. Redirects are not followed, and every connection goes only to
/// an address the <see cref="HostPolicy"/> allows.
/// </summary>
public sealed class WebhookSender : IDestinationSender
{
    private readonly Destination _destination;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public WebhookSender(Destination destination, HostPolicy hosts, TimeSpan timeout, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(hosts);
        _destination = destination;
        _time = time ?? TimeProvider.System;
        _http = new HttpClient(hosts.Handler()) { Timeout = timeout };
    }

    public async Task<DeliveryOutcome> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var body = ChangeJson.Body(attempt.Changes);
        using var request = new HttpRequestMessage(HttpMethod.Post, _destination.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", attempt.Batch.IdempotencyKey);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(_destination.Secret ?? "", _time.GetUtcNow().ToUnixTimeSeconds(), body));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return DeliveryOutcome.Success($"HTTP {status}");
            }

            var text = await Excerpt(response, cancellationToken);
            var retryable = status is 408 or 429 or >= 500;
            return DeliveryOutcome.Failure($"HTTP {status}{(text.Length > 0 ? ": " + text : "")}", retryable, RetryAfter(response));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Failure($"no answer within {_http.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException failure)
        {
            return DeliveryOutcome.Failure(failure.InnerException is { } inner ? $"{failure.Message} ({inner.Message})" : failure.Message);
        }
    }

    private static async Task<string> Excerpt(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            text = string.Concat(text.Take(200).Select(c => char.IsControl(c) ? ' ' : c)).Trim();
            return text;
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    public void Dispose() => _http.Dispose();
}
