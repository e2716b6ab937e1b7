using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cdp.Host.Cli;

/// <summary>
/// The command line's client of a running host (the cluster's jobs call it): an editor's API key from
/// <c>--api-key</c> or <c>CDP_API_KEY</c>; a refusal becomes a usage error with the host's own reason.
/// </summary>
internal sealed class HostClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _url;

    public HostClient(Arguments arguments)
    {
        _url = arguments.Required("url").TrimEnd('/');
        var key = arguments.Value("api-key") ?? Environment.GetEnvironmentVariable("CDP_API_KEY")
            ?? throw new UsageException("this command needs an API key of an editor: --api-key KEY or CDP_API_KEY (make one with POST /api/keys)", pointToHelp: false);
        _http = new HttpClient { Timeout = TimeSpan.FromHours(1) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public string Get(string pathAndQuery) => Send(new HttpRequestMessage(HttpMethod.Get, _url + pathAndQuery));

    public JsonElement PostJson(string path, object body) => JsonDocument.Parse(Send(new HttpRequestMessage(HttpMethod.Post, _url + path)
    {
        Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
    })).RootElement.Clone();

    private string Send(HttpRequestMessage request)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = _http.Send(request);
            }
            catch (HttpRequestException e)
            {
                throw new UsageException($"no host at {_url}: {e.Message}", pointToHelp: false);
            }

            using (response)
            {
                using var reader = new StreamReader(response.Content.ReadAsStream());
                var text = reader.ReadToEnd();
                if (!response.IsSuccessStatusCode)
                {
                    var detail = text.StartsWith('{') && JsonDocument.Parse(text).RootElement.TryGetProperty("detail", out var d) ? d.GetString() : text;
                    throw new UsageException($"the host refused ({(int)response.StatusCode}): {detail}", pointToHelp: false);
                }

                return text;
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
