using System.Net;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using Cdp.Host.Security;
using Cdp.Host.Services;

namespace Cdp.Web.Tests;

/// <summary>Nobody reaches data without signing in; roles decide who may change what.</summary>
[Collection(WebCollection.Name)]
public sealed class SignInTests(WebAppFixture app)
{
    [Theory]
    [InlineData("/api/dashboard")]
    [InlineData("/api/profiles")]
    [InlineData("/api/profiles/1")]
    [InlineData("/api/segments")]
    [InlineData("/api/runs")]
    [InlineData("/api/catalog")]
    [InlineData("/api/source/events")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_data_endpoint_answers_401_without_a_session(string path)
    {
        using var anonymous = app.Client();
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("user_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_the_page_shell_need_no_sign_in()
    {
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        var page = await anonymous.GetStringAsync("/");
        Assert.Contains("<script type=\"module\" src=\"/js/app.js\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_right_one_gives_a_session_cookie()
    {
        using var browser = app.Browser();
        var wrong = await browser.PostAsJsonAsync("/api/session", new { user = "admin", password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/segments")).StatusCode);

        var right = await browser.PostAsJsonAsync("/api/session", new { user = "admin", password = WebAppFixture.AdminPassword });
        right.EnsureSuccessStatusCode();
        var cookie = Assert.Single(right.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/segments")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/segments")).StatusCode);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Passwords_are_stored_hashed_never_in_clear()
    {
        var file = await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "users.json"));
        Assert.DoesNotContain(WebAppFixture.AdminPassword, file, StringComparison.Ordinal);
        Assert.DoesNotContain(WebAppFixture.ViewerPassword, file, StringComparison.Ordinal);
        Assert.Contains("pbkdf2-sha256$600000$", file, StringComparison.Ordinal);
        Assert.DoesNotContain(app.EditorKey.Split('_', 3)[2], file, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(app.DataDirectory, "users.json")));
    }

    [Fact]
    public async Task A_viewer_reads_but_cannot_change_segments_run_the_etl_or_manage_users()
    {
        using var viewer = app.Client(app.ViewerKey);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/segments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.PostAsJsonAsync("/api/segments/preview", new { rule = "is_buyer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/segments", new { name = "by_viewer", rule = "is_buyer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/runs", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/users")).StatusCode);
        using var editor = app.Client(app.EditorKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsJsonAsync("/api/users", new { name = "x", role = "admin", password = "long-enough-password" })).StatusCode);
        Assert.DoesNotContain((await viewer.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray(), s => s.GetProperty("name").GetString() == "by_viewer");
    }

    [Fact]
    public async Task A_bad_api_key_is_refused_and_an_admin_makes_users()
    {
        using var forged = app.Client(app.AdminKey[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/segments")).StatusCode);
        using var admin = app.Client(app.AdminKey);
        var tooShort = await admin.PostAsJsonAsync("/api/users", new { name = "newbie", role = Roles.Viewer, password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        (await admin.PostAsJsonAsync("/api/users", new { name = "newbie", role = Roles.Viewer, password = "a-long-enough-password" })).EnsureSuccessStatusCode();
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/users");
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("name").GetString() == "newbie" && u.GetProperty("role").GetString() == Roles.Viewer);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_to_a_signed_in_client()
    {
        using var viewer = app.Client(app.ViewerKey);
        var document = await viewer.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/profiles", "/api/profiles/{id}", "/api/segments", "/api/rules/check", "/api/rules/compile", "/api/segments/preview", "/api/runs" })
        {
            Assert.Contains(path, paths);
        }

        // Every API answer in JSON describes its shape (record DTOs through TypedResults), not only its path.
        var shapeless = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var answers = operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                if (answers.All(r => r.Name != "204") && !answers.Any(r => r.Value.TryGetProperty("content", out _)))
                {
                    shapeless.Add($"{operation.Name.ToUpperInvariant()} {path.Name} (no content declared)");
                }

                foreach (var response in answers)
                {
                    if (response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json)
                        && !(json.TryGetProperty("schema", out var schema) && Resolve(document, schema).TryGetProperty("properties", out _)))
                    {
                        shapeless.Add($"{operation.Name.ToUpperInvariant()} {path.Name} {response.Name}");
                    }
                }
            }
        }

        Assert.True(shapeless.Count == 0, "answers without a schema: " + string.Join(", ", shapeless));
        foreach (var (path, property) in new[] { ("/api/metrics", "metrics"), ("/api/segments/archived", "archivedBy"), ("/api/segments", "notEvaluated"), ("/api/profiles/{id}", "segments"), ("/api/dashboard", "lastRun") })
        {
            var ok = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200");
            var schema = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Contains(property, Resolve(document, schema).GetRawText(), StringComparison.Ordinal);
        }
    }

    /// <summary>A schema with its $ref followed (into components, and into an array's items).</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty(name));
        }

        return schema.TryGetProperty("items", out var items) ? Resolve(document, items) : schema;
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Without_a_configured_password_the_first_admin_gets_a_random_one_printed_once()
    {
        var data = Path.Combine(Path.GetTempPath(), "cdp-admin-" + Guid.NewGuid().ToString("N"));
        try
        {
            var log = new StringWriter();
            var users = new UserStore(data);
            FirstAdmin.Ensure(users, new CdpHostOptions { DataDirectory = data }, log);
            var file = Path.Combine(data, "initial-admin-password");
            var password = File.ReadAllText(file).Trim();
            Assert.True(password.Length >= 16);
            Assert.Contains(password, log.ToString(), StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.NotNull(users.SignIn("admin", password));

            var again = new StringWriter();
            FirstAdmin.Ensure(new UserStore(data), new CdpHostOptions { DataDirectory = data }, again);
            Assert.Equal("", again.ToString());

            var other = Path.Combine(data, "other");
            var error = Assert.Throws<InvalidOperationException>(() => FirstAdmin.Ensure(new UserStore(other), new CdpHostOptions { DataDirectory = other, AdminPassword = "short" }, TextWriter.Null));
            Assert.Contains("at least 12 characters", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
