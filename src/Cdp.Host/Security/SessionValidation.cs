using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cdp.Host.Security;

/// <summary>
/// Every request with a session cookie asks the user store whether the session still lives and what the
/// user's role is now: the cookie holds a session id, never a role that outlives a demotion.
/// </summary>
internal static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        if (context.Principal is not { } principal || Principal.Session(principal) is not { } session || users.FindBySession(session) is not { } user)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(For(user, session));
    }

    /// <summary>The cookie's principal for a user's session: name, the current role, the session id.</summary>
    public static ClaimsPrincipal For(AppUser user, string session) => new(new ClaimsIdentity(
        [.. Principal.Claims(user), new Claim(Principal.SessionClaim, session)], CookieAuthenticationDefaults.AuthenticationScheme));
}
