using System.Net;
using System.Net.Sockets;

namespace Cdp.Pipeline.Activation;

/// <summary>
/// Which hosts the platform may send to (a webhook, a WebHDFS folder of files): loopback always, other hosts only when
/// the operator allowed them by name (<c>--allow-destination-host</c>) and only over https, so an editor cannot point
/// the platform at the operator's own network (SSRF). The names are checked when a destination is saved and the
/// addresses they resolve to when a connection is made (a name that later resolves elsewhere is refused then).
/// </summary>
public sealed class HostPolicy(IEnumerable<string>? allowedHosts = null)
{
    private readonly HashSet<string> _allowed = new(allowedHosts ?? [], StringComparer.OrdinalIgnoreCase);

    /// <summary>Loopback only: the embedded default.</summary>
    public static HostPolicy LoopbackOnly { get; } = new();

    /// <summary>The host names of a <c>--allow-destination-host</c> option: comma-separated, blanks ignored.</summary>
    public static IReadOnlyList<string> Names(string? option) => option?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>
    /// Why a URL may not be sent to (null: it may). <paramref name="httpsElsewhere"/>: a host other than loopback must be
    /// reached over https (a webhook's, which leaves the operator's network); a WebHDFS folder is the operator's own
    /// cluster, reached over http as the lake's is.
    /// </summary>
    public string? Problem(string? url, string field, bool httpsElsewhere = true)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"`{field}` must be an absolute http or https URL";
        }

        if (uri.UserInfo.Length > 0)
        {
            return $"`{field}` may not carry a user name or password; a webhook authenticates the platform by its signature";
        }

        if (IsLoopbackName(uri.IdnHost))
        {
            return null;
        }

        if (!_allowed.Contains(uri.IdnHost))
        {
            return $"`{field}`: {uri.Host} is not loopback and not an allowed host; the operator allows hosts with --allow-destination-host (docs/activation.md)";
        }

        return uri.Scheme == Uri.UriSchemeHttps || !httpsElsewhere ? null : $"`{field}`: {uri.Host} is not loopback, so it must be https";
    }

    /// <summary>Whether a connection to <paramref name="address"/>, resolved from <paramref name="host"/>, is allowed.</summary>
    public bool MayConnect(string host, IPAddress address) => _allowed.Contains(host) || IPAddress.IsLoopback(address);

    /// <summary>A handler that connects only where this policy allows, follows no redirect and uses no proxy.</summary>
    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, cancellationToken),
    };

    private async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(a => MayConnect(endpoint.Host, a)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"{endpoint.Host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, which is not loopback and not an allowed host");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
