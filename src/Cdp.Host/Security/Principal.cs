using System.Security.Claims;

namespace Cdp.Host.Security;

/// <summary>The claims of a signed-in user (name and role), the same for the cookie and an API key.</summary>
internal static class Principal
{
    /// <summary>The claim that names the server-side session a cookie stands for.</summary>
    public const string SessionClaim = "cdp:session";

    public static IEnumerable<Claim> Claims(AppUser user) => [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)];

    public static string Name(ClaimsPrincipal principal) => principal.Identity?.Name ?? "unknown";

    public static string? Session(ClaimsPrincipal principal) => principal.FindFirstValue(SessionClaim);
}
