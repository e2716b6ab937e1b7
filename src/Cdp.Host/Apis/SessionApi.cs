using System.Security.Claims;
using Cdp.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cdp.Host.Apis;

/// <summary>
/// Signing in and out (<c>/api/session</c>, a cookie for the browser), API keys for programs (<c>/api/keys</c>),
/// and the users an admin manages (<c>/api/users</c>).
/// </summary>
internal static class SessionApi
{
    /// <summary>The rate-limiting policy of sign-in (per client address, <see cref="Web.CdpHostOptions.SignInAttemptsPerMinute"/>).</summary>
    public const string SignInLimit = "sign-in";

    public sealed record SignInRequest(string? User, string? Password);

    public sealed record UserRequest(string? Name, string? Role, string? Password);

    public static void MapSessionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/session", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInLimit).WithName("SignIn");
        api.MapGet("/session", (ClaimsPrincipal user) => Results.Ok(Describe(user))).WithName("Session");
        api.MapDelete("/session", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).WithName("SignOut");
        api.MapPost("/keys", (ClaimsPrincipal user, UserStore users) =>
            Results.Ok(new { key = users.CreateApiKey(Principal.Name(user)), note = "shown once: keep it; send it as `Authorization: Bearer KEY` or `X-Api-Key: KEY`" }))
            .WithName("CreateApiKey");
        api.MapGet("/users", (UserStore users) => Results.Ok(users.Users.Select(u => new { name = u.Name, role = u.Role, createdAt = u.CreatedAt })))
            .RequireAuthorization(Roles.CanAdminister).WithName("Users");
        api.MapPost("/users", (UserRequest request, UserStore users) =>
            users.Save(request.Name ?? "", request.Role ?? "", request.Password ?? "") is { } problem
                ? ApiProblems.BadRequest(problem)
                : Results.Ok(new { name = request.Name, role = request.Role }))
            .RequireAuthorization(Roles.CanAdminister).WithName("SaveUser");
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, UserStore users, HttpContext context)
    {
        if (string.IsNullOrEmpty(request.User) || string.IsNullOrEmpty(request.Password))
        {
            return ApiProblems.BadRequest("sign in with a user and a password");
        }

        if (users.SignIn(request.User, request.Password) is not { } user)
        {
            return Results.Problem("the user name or the password is wrong", statusCode: StatusCodes.Status401Unauthorized);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(Principal.Claims(user), CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Results.Ok(Describe(principal));
    }

    private static object Describe(ClaimsPrincipal user) => new
    {
        user = Principal.Name(user),
        role = user.FindFirstValue(ClaimTypes.Role),
        canEdit = user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin),
        canAdminister = user.IsInRole(Roles.Admin),
    };
}
