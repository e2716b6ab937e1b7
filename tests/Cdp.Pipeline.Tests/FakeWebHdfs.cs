using System.Net;
using System.Text;
using System.Text.Json;

namespace Cdp.Pipeline.Tests;

/// <summary>
/// HDFS's REST API as the namenode and a datanode answer it, in memory: CREATE answers 307 to a datanode URL
/// and the bytes go there (201), RENAME refuses an existing destination (false), DELETE says whether it
/// deleted, LISTSTATUS lists a folder's children. Requests without <c>user.name</c> are refused.
/// </summary>
internal sealed class FakeWebHdfs : HttpMessageHandler
{
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, the datanode answers this status to every write.</summary>
    public HttpStatusCode? DatanodeFailure { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var query = uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        var path = Uri.UnescapeDataString(uri.AbsolutePath["/webhdfs/v1".Length..]);
        if (!query.ContainsKey("user.name"))
        {
            return Json(HttpStatusCode.Unauthorized, new { RemoteException = new { message = "no user.name" } });
        }

        switch (query["op"])
        {
            case "CREATE" when uri.Port == 9870:
                return new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri($"http://datanode:9864{uri.PathAndQuery}&namenoderpcaddress=nn:8020") } };
            case "CREATE":
                if (DatanodeFailure is { } failure)
                {
                    return Json(failure, new { RemoteException = new { message = "disk full" } });
                }

                Files[path] = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.Created);
            case "DELETE":
                return Json(HttpStatusCode.OK, new { boolean = Files.Remove(path) });
            case "RENAME":
                var destination = query["destination"];
                if (!Files.TryGetValue(path, out var bytes) || Files.ContainsKey(destination))
                {
                    return Json(HttpStatusCode.OK, new { boolean = false });
                }

                Files.Remove(path);
                Files[destination] = bytes;
                return Json(HttpStatusCode.OK, new { boolean = true });
            case "LISTSTATUS":
                var prefix = path.TrimEnd('/') + "/";
                var children = Files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..].Split('/')[0]).Distinct().Order();
                return Json(HttpStatusCode.OK, new { FileStatuses = new { FileStatus = children.Select(c => new { pathSuffix = c }) } });
            default:
                return Json(HttpStatusCode.BadRequest, new { RemoteException = new { message = "unknown op" } });
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
}
