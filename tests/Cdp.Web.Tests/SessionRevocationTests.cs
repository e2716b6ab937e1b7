using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Host.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Cdp.Web.Tests;

/// <summary>
/// A session is a fact on the server, not a role frozen into a cookie: signing out, a new password, a new role
/// and a deleted user end it at once, wherever the old cookie went. Admins revoke keys and cannot lock everyone out.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SessionRevocationTests(WebAppFixture app)
{
    private UserStore Users => app.Services.GetRequiredService<UserStore>();

    [Fact]
    public async Task A_demoted_admins_old_cookie_has_only_the_new_role()
    {
        Assert.Null(Users.Save("dana", Roles.Admin, "dana-password-long"));
        var (dana, cookie) = await app.SignedInAsync("dana", "dana-password-long");
        Assert.Equal(HttpStatusCode.OK, (await dana.GetAsync("/api/users")).StatusCode);

        using var admin = app.Client(app.AdminKey);
        (await admin.PostAsJsonAsync("/api/users", new { name = "dana", role = Roles.Viewer })).EnsureSuccessStatusCode();

        using var stolen = app.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.PostAsJsonAsync("/api/users", new { name = "dana", role = Roles.Admin })).StatusCode);
        Assert.Equal(Roles.Viewer, Users.Users.Single(u => u.Name == "dana").Role);

        // Signed in again, she has the role she has now, and no more.
        var (again, _) = await app.SignedInAsync("dana", "dana-password-long");
        Assert.Equal(Roles.Viewer, (await again.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_every_copy_of_the_cookie()
    {
        var (browser, cookie) = await app.SignedInAsync("vera", WebAppFixture.ViewerPassword);
        using var copy = app.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/segments")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/segments")).StatusCode);
    }

    [Fact]
    public async Task A_new_password_ends_the_users_other_sessions_and_keeps_the_one_that_changed_it()
    {
        Assert.Null(Users.Save("paul", Roles.Editor, "paul-password-one"));
        var (elsewhere, oldCookie) = await app.SignedInAsync("paul", "paul-password-one");
        var (here, _) = await app.SignedInAsync("paul", "paul-password-one");

        var wrong = await here.PostAsJsonAsync("/api/session/password", new { currentPassword = "not-it-at-all", newPassword = "paul-password-two" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/segments")).StatusCode);

        var changed = await here.PostAsJsonAsync("/api/session/password", new { currentPassword = "paul-password-one", newPassword = "paul-password-two" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        using var old = app.WithCookie(oldCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/segments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/segments")).StatusCode);
        Assert.Null(Users.SignIn("paul", "paul-password-one"));
        Assert.NotNull(Users.SignIn("paul", "paul-password-two"));
    }

    [Fact]
    public async Task A_deleted_user_is_out_at_once_with_cookie_and_keys()
    {
        Assert.Null(Users.Save("gone", Roles.Editor, "gone-password-long"));
        var key = Users.CreateApiKey("gone");
        var (_, cookie) = await app.SignedInAsync("gone", "gone-password-long");
        using var admin = app.Client(app.AdminKey);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/users/gone")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/users/gone")).StatusCode);
        using var withCookie = app.WithCookie(cookie);
        using var withKey = app.Client(key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withCookie.GetAsync("/api/segments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/segments")).StatusCode);
    }

    [Fact]
    public async Task The_last_admin_can_be_neither_demoted_nor_deleted()
    {
        var store = new UserStore(Path.Combine(Path.GetTempPath(), "cdp-users-" + Guid.NewGuid().ToString("N")));
        Assert.Null(store.Save("root", Roles.Admin, "root-password-long"));
        Assert.Contains("last admin", store.Save("root", Roles.Editor, null), StringComparison.Ordinal);
        Assert.Contains("last admin", store.Delete("root"), StringComparison.Ordinal);
        Assert.Null(store.Save("second", Roles.Admin, "second-password-long"));
        Assert.Null(store.Save("root", Roles.Editor, null));
        Assert.NotNull(store.SignIn("root", "root-password-long")); // a role change without a password keeps it

        using var admin = app.Client(app.AdminKey);
        var admins = Users.Users.Count(u => u.Role == Roles.Admin);
        var response = await admin.DeleteAsync("/api/users/admin");
        Assert.Equal(admins == 1 ? HttpStatusCode.Conflict : HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(Users.Users, u => u.Role == Roles.Admin);
    }

    [Fact]
    public async Task Keys_are_listed_without_secrets_and_a_revoked_key_stops_working()
    {
        var key = Users.CreateApiKey("eddie");
        var id = key.Split('_', 3)[1];
        using var editor = app.Client(key);
        var listed = await editor.GetFromJsonAsync<JsonElement>("/api/keys");
        Assert.All(listed.EnumerateArray(), k => Assert.Equal("eddie", k.GetProperty("user").GetString()));
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(key.Split('_', 3)[2], listed.GetRawText(), StringComparison.Ordinal);

        using var viewer = app.Client(app.ViewerKey);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.DeleteAsync($"/api/keys/{id}")).StatusCode); // not hers
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/segments")).StatusCode);

        using var admin = app.Client(app.AdminKey);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>("/api/keys")).EnumerateArray(), k => k.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await editor.GetAsync("/api/segments")).StatusCode);
    }

    [Fact]
    public async Task Asking_for_the_session_before_signing_in_is_an_answer_not_an_error()
    {
        using var anonymous = app.Client();
        var response = await anonymous.GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signedIn").GetBoolean());
    }
}
