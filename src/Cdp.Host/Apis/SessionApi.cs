using System.Security.Claims;
using Cdp.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cdp.Host.Apis;

/// <summary>
/// Signing in and out (<c>/api/session</c>, a cookie for the browser), one's own password, API keys for
/// programs (<c>/api/keys</c>), and the users an admin manages (<c>/api/users</c>).
/// </summary>
internal static class SessionApi
{
    /// <summary>The rate-limiting policy of sign-in (per client address, <see cref="Web.CdpHostOptions.SignInAttemptsPerMinute"/>).</summary>
    public const string SignInLimit = "sign-in";

    public sealed record SignInRequest(string? User, string? Password);

    public sealed record UserRequest(string? Name, string? Role, string? Password);

    public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

    public static void MapSessionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/session", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInLimit).WithName("SignIn");

        // Asked on every page load before anyone has signed in: "nobody" is an answer, not an error.
        api.MapGet("/session", (ClaimsPrincipal user) => Results.Ok(user.Identity?.IsAuthenticated == true ? Describe(user) : new { signedIn = false }))
            .AllowAnonymous().WithName("Session");
        api.MapDelete("/session", async (HttpContext context, UserStore users) =>
        {
            if (Principal.Session(context.User) is { } session)
            {
                users.EndSession(session);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).WithName("SignOut");
        api.MapPost("/session/password", (PasswordRequest request, ClaimsPrincipal user, UserStore users) =>
            users.ChangePassword(Principal.Name(user), request.CurrentPassword ?? "", request.NewPassword ?? "", Principal.Session(user)) is { } problem
                ? ApiProblems.BadRequest(problem)
                : Results.NoContent())
            .RequireRateLimiting(SignInLimit).WithName("ChangePassword");

        api.MapPost("/keys", (ClaimsPrincipal user, UserStore users) =>
            Results.Ok(new { key = users.CreateApiKey(Principal.Name(user)), note = "shown once: keep it; send it as `Authorization: Bearer KEY` or `X-Api-Key: KEY`" }))
            .WithName("CreateApiKey");
        api.MapGet("/keys", (ClaimsPrincipal user, UserStore users) => Results.Ok(users.ApiKeys
                .Where(k => user.IsInRole(Roles.Admin) || k.User == Principal.Name(user))
                .Select(k => new { id = k.Id, user = k.User, createdAt = k.CreatedAt })))
            .WithName("ApiKeys");
        api.MapDelete("/keys/{id}", (string id, ClaimsPrincipal user, UserStore users) =>
            users.ApiKeys.FirstOrDefault(k => k.Id == id) is not { } key || (key.User != Principal.Name(user) && !user.IsInRole(Roles.Admin))
                ? ApiProblems.NotFound($"no API key `{id}` of yours")
                : users.RevokeApiKey(id) ? Results.NoContent() : ApiProblems.NotFound($"no API key `{id}`"))
            .WithName("RevokeApiKey");

        api.MapGet("/users", (UserStore users) => Results.Ok(users.Users.Select(u => new { name = u.Name, role = u.Role, createdAt = u.CreatedAt })))
            .RequireAuthorization(Roles.CanAdminister).WithName("Users");
        api.MapPost("/users", (UserRequest request, UserStore users) =>
            users.Save(request.Name ?? "", request.Role ?? "", request.Password) is { } problem
                ? ApiProblems.BadRequest(problem)
                : Results.Ok(new { name = request.Name, role = request.Role }))
            .RequireAuthorization(Roles.CanAdminister).WithName("SaveUser");
        api.MapDelete("/users/{name}", (string name, UserStore users) =>
            users.Users.All(u => u.Name != name) ? ApiProblems.NotFound($"no user `{name}`")
            : users.Delete(name) is { } problem ? Results.Problem(problem, statusCode: StatusCodes.Status409Conflict)
            : Results.NoContent())
            .RequireAuthorization(Roles.CanAdminister).WithName("DeleteUser");
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

        var principal = SessionValidation.For(user, users.StartSession(user.Name));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Results.Ok(Describe(principal));
    }

    private static object Describe(ClaimsPrincipal user) => new
    {
        signedIn = true,
        user = Principal.Name(user),
        role = user.FindFirstValue(ClaimTypes.Role),
        canEdit = user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin),
        canAdminister = user.IsInRole(Roles.Admin),
    };
}
