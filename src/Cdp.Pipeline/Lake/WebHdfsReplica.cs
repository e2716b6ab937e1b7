using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cdp.Pipeline.Lake;

/// <summary>
/// The lake on HDFS through WebHDFS (the namenode's REST API, on by default on port 9870): each file is
/// created as <c>NAME.tmp</c> (the namenode answers 307 with a datanode to send the bytes to), then renamed
/// onto its name, so Spark's partition discovery never reads half a file; an older copy under that name is
/// deleted first (WebHDFS will not rename onto an existing file), which keeps re-ingests idempotent.
/// </summary>
public sealed class WebHdfsReplica : ILakeReplica, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _namenode;
    private readonly string _root;
    private readonly string _user;

    /// <param name="location">The namenode's HTTP address and the lake's folder on HDFS, e.g. <c>http://namenode:9870/cdp/lake</c>.</param>
    /// <param name="user">The HDFS user the files belong to (simple authentication, <c>user.name</c>).</param>
    public WebHdfsReplica(Uri location, string user = "cdp", HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        _namenode = new Uri(location.GetLeftPart(UriPartial.Authority));
        _root = "/" + location.AbsolutePath.Trim('/');
        _user = user;
        _http = new HttpClient(handler ?? new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(10) };
    }

    public async Task PublishAsync(string relativePath, string localFile, CancellationToken cancellationToken)
    {
        var target = _root + "/" + relativePath.Replace('\\', '/').TrimStart('/');
        var temporary = target + ".tmp";
        await CreateAsync(temporary, localFile, cancellationToken);
        await SendAsync(HttpMethod.Delete, target, "DELETE", "", cancellationToken); // absent is fine: {"boolean": false}
        var renamed = await SendAsync(HttpMethod.Put, temporary, "RENAME", "&destination=" + Uri.EscapeDataString(target), cancellationToken);
        if (!renamed.TryGetProperty("boolean", out var ok) || !ok.GetBoolean())
        {
            throw new IOException($"WebHDFS did not rename {temporary} to {target}");
        }
    }

    /// <summary>The names in an HDFS folder (for checks and tools).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string relativeFolder, CancellationToken cancellationToken = default)
    {
        var listing = await SendAsync(HttpMethod.Get, _root + "/" + relativeFolder.Trim('/'), "LISTSTATUS", "", cancellationToken);
        return [.. listing.GetProperty("FileStatuses").GetProperty("FileStatus").EnumerateArray().Select(s => s.GetProperty("pathSuffix").GetString()!)];
    }

    private async Task CreateAsync(string path, string localFile, CancellationToken cancellationToken)
    {
        using var ask = new HttpRequestMessage(HttpMethod.Put, Url(path, "CREATE", "&overwrite=true"));
        using var redirect = await _http.SendAsync(ask, cancellationToken);
        if (redirect.StatusCode != HttpStatusCode.TemporaryRedirect || redirect.Headers.Location is not { } datanode)
        {
            throw new IOException($"WebHDFS CREATE {path}: expected 307 with a datanode, got {(int)redirect.StatusCode} {await redirect.Content.ReadAsStringAsync(cancellationToken)}");
        }

        await using var file = File.OpenRead(localFile);
        using var put = new HttpRequestMessage(HttpMethod.Put, datanode) { Content = new StreamContent(file) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var created = await _http.SendAsync(put, cancellationToken);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new IOException($"WebHDFS CREATE {path} on the datanode: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string operation, string extra, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Url(path, operation, extra));
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"WebHDFS {operation} {path}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
    }

    private Uri Url(string path, string operation, string extra) =>
        new(_namenode, "/webhdfs/v1" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString)) + $"?op={operation}&user.name={Uri.EscapeDataString(_user)}{extra}");

    public void Dispose() => _http.Dispose();
}
