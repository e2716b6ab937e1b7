using System.Security.Claims;
using System.Text.Json.Serialization;
using Cdp.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// Signing in and out (<c>/api/session</c>, a cookie for the browser), one's own password, API keys for
/// programs (<c>/api/keys</c>), and the users an admin manages (<c>/api/users</c>).
/// </summary>
internal static class SessionApi
{
    /// <summary>The rate-limiting policy of sign-in (per client address, <see cref="Services.CdpHostOptions.SignInAttemptsPerMinute"/>).</summary>
    public const string SignInLimit = "sign-in";

    public sealed record SignInRequest(string? User, string? Password);

    public sealed record UserRequest(string? Name, string? Role, string? Password);

    public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

    /// <summary>Who is signed in: <c>{"signedIn": false}</c> for nobody, else the user, role and what they may do.</summary>
    public sealed record SessionDto(
        bool SignedIn,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? User = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? CanEdit = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? CanAdminister = null);

    /// <summary>A new API key, shown once.</summary>
    public sealed record ApiKeyCreated(string Key, string Note);

    public sealed record ApiKeyDto(string Id, string User, DateTime CreatedAt);

    public sealed record UserDto(string Name, string Role, DateTime CreatedAt);

    public sealed record SavedUser(string? Name, string? Role);

    public static void MapSessionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/session", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInLimit).WithName("SignIn");

        // Asked on every page load before anyone has signed in: "nobody" is an answer, not an error.
        api.MapGet("/session", (ClaimsPrincipal user) => TypedResults.Ok(user.Identity?.IsAuthenticated == true ? Describe(user) : new SessionDto(false)))
            .AllowAnonymous().WithName("Session");
        api.MapDelete("/session", async (HttpContext context, UserStore users) =>
        {
            if (Principal.Session(context.User) is { } session)
            {
                users.EndSession(session);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).WithName("SignOut");
        api.MapPost("/session/password", Results<NoContent, ProblemHttpResult> (PasswordRequest request, ClaimsPrincipal user, UserStore users) =>
            users.ChangePassword(Principal.Name(user), request.CurrentPassword ?? "", request.NewPassword ?? "", Principal.Session(user)) is { } problem
                ? ApiProblems.BadRequest(problem)
                : TypedResults.NoContent())
            .RequireRateLimiting(SignInLimit).WithName("ChangePassword");

        api.MapPost("/keys", (ClaimsPrincipal user, UserStore users) =>
            TypedResults.Ok(new ApiKeyCreated(users.CreateApiKey(Principal.Name(user)), "shown once: keep it; send it as `Authorization: Bearer KEY` or `X-Api-Key: KEY`")))
            .WithName("CreateApiKey");
        api.MapGet("/keys", (ClaimsPrincipal user, UserStore users) => TypedResults.Ok(users.ApiKeys
                .Where(k => user.IsInRole(Roles.Admin) || k.User == Principal.Name(user))
                .Select(k => new ApiKeyDto(k.Id, k.User, k.CreatedAt))
                .ToList()))
            .WithName("ApiKeys");
        api.MapDelete("/keys/{id}", Results<NoContent, ProblemHttpResult> (string id, ClaimsPrincipal user, UserStore users) =>
            users.ApiKeys.FirstOrDefault(k => k.Id == id) is not { } key || (key.User != Principal.Name(user) && !user.IsInRole(Roles.Admin))
                ? ApiProblems.NotFound($"no API key `{id}` of yours")
                : users.RevokeApiKey(id) ? TypedResults.NoContent() : ApiProblems.NotFound($"no API key `{id}`"))
            .WithName("RevokeApiKey");

        api.MapGet("/users", (UserStore users) => TypedResults.Ok(users.Users.Select(u => new UserDto(u.Name, u.Role, u.CreatedAt)).ToList()))
            .RequireAuthorization(Roles.CanAdminister).WithName("Users");
        api.MapPost("/users", Results<Ok<SavedUser>, ProblemHttpResult> (UserRequest request, UserStore users) =>
            users.Save(request.Name ?? "", request.Role ?? "", request.Password) is { } problem
                ? ApiProblems.BadRequest(problem)
                : TypedResults.Ok(new SavedUser(request.Name, request.Role)))
            .RequireAuthorization(Roles.CanAdminister).WithName("SaveUser");
        api.MapDelete("/users/{name}", Results<NoContent, ProblemHttpResult> (string name, UserStore users) =>
            users.Users.All(u => u.Name != name) ? ApiProblems.NotFound($"no user `{name}`")
            : users.Delete(name) is { } problem ? ApiProblems.Conflict(problem)
            : TypedResults.NoContent())
            .RequireAuthorization(Roles.CanAdminister).WithName("DeleteUser");
    }

    private static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> SignInAsync(SignInRequest request, UserStore users, HttpContext context)
    {
        if (string.IsNullOrEmpty(request.User) || string.IsNullOrEmpty(request.Password))
        {
            return ApiProblems.BadRequest("sign in with a user and a password");
        }

        if (users.SignIn(request.User, request.Password) is not { } user)
        {
            return TypedResults.Problem("the user name or the password is wrong", statusCode: StatusCodes.Status401Unauthorized);
        }

        var principal = SessionValidation.For(user, users.StartSession(user.Name));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.Ok(Describe(principal));
    }

    private static SessionDto Describe(ClaimsPrincipal user) => new(
        true,
        Principal.Name(user),
        user.FindFirstValue(ClaimTypes.Role),
        user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin),
        user.IsInRole(Roles.Admin));
}
