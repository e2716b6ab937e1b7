namespace Cdp.Host.Security;

/// <summary>
/// Anti-forgery for the API: a request that changes something and is not signed by an API key (so a browser
/// may have attached the session cookie on its own) must carry <see cref="HeaderName"/>, which a page of
/// another origin cannot send without a CORS preflight that this host never grants, and its
/// <c>Origin</c> and <c>Sec-Fetch-Site</c>, when the browser sends them, must say the same origin. SameSite
/// alone does not do: another port of the same host is the same site.
/// </summary>
internal static class CrossSiteGuard
{
    public const string HeaderName = "X-CDP-Request";

    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Refusal(context) is { } reason)
        {
            await Results.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>Why a request is refused, or null when it may go on.</summary>
    public static string? Refusal(HttpContext context)
    {
        var request = context.Request;
        var byCookie = context.User.Identity is { IsAuthenticated: true, AuthenticationType: Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme };
        var signingIn = request.Path.StartsWithSegments("/api/session"); // no signing a browser in as someone else either
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api") || ApiKeyAuthentication.KeyOf(request) is not null || !(byCookie || signingIn))
        {
            return null; // a request with no session is refused (401) by authorization, whatever its origin
        }

        if (request.Headers.TryGetValue("Sec-Fetch-Site", out var site) && site.ToString() is not ("same-origin" or "none"))
        {
            return $"a {site} request may not change anything here";
        }

        if (request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return $"a request from {origin} may not change anything here";
        }

        return request.Headers.ContainsKey(HeaderName)
            ? null
            : $"a browser request that changes something must send the header {HeaderName} (the web app does; programs use an API key)";
    }
}
