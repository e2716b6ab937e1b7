using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Cdp.Web.Tests;

/// <summary>
/// What a page of another origin (another port of the same host is the same site, so SameSite lets the cookie
/// through) can make a signed-in browser do: nothing that changes anything. And the headers every answer carries.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CrossSiteTests(WebAppFixture app)
{
    [Fact]
    public async Task A_cookie_request_without_the_anti_forgery_header_changes_nothing()
    {
        var (_, cookie) = await app.SignedInAsync("admin", WebAppFixture.AdminPassword);

        // What fetch(..., {mode: 'no-cors', credentials: 'include'}) sends: the cookie, a simple content type, no custom header.
        using var forged = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.Address };
        forged.DefaultRequestHeaders.Add("Cookie", cookie);
        var keysBefore = (await app.Client(app.AdminKey).GetStringAsync("/api/keys")).Length;
        foreach (var path in new[] { "/api/keys", "/api/runs", "/api/users", "/api/segments" })
        {
            var response = await forged.PostAsync(path, new StringContent("{}", Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("X-CDP-Request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(keysBefore, (await app.Client(app.AdminKey).GetStringAsync("/api/keys")).Length);
    }

    [Theory]
    [InlineData("Origin", "http://127.0.0.1:1")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task Another_origin_is_refused_even_with_the_header(string header, string value)
    {
        var (_, cookie) = await app.SignedInAsync("admin", WebAppFixture.AdminPassword);
        using var browser = app.WithCookie(cookie);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/keys") { Content = JsonContent.Create(new { }) };
        request.Headers.Add(header, value);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_same_origin_with_the_header_is_served()
    {
        var (_, cookie) = await app.SignedInAsync("admin", WebAppFixture.AdminPassword);
        using var browser = app.WithCookie(cookie);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/rules/check") { Content = JsonContent.Create(new { rule = "is_buyer" }) };
        request.Headers.Add("Origin", app.Address.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("/api/events")]
    [InlineData("/api/segments/preview")]
    [InlineData("/api/runs")]
    public async Task Json_endpoints_accept_json_only(string path)
    {
        using var editor = app.Client(app.EditorKey);
        var response = await editor.PostAsync(path, new StringContent("[]", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/js/app.js")]
    [InlineData("/api/segments")]
    [InlineData("/health")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var viewer = app.Client(app.ViewerKey);
        var response = await viewer.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        if (path.StartsWith("/api", StringComparison.Ordinal))
        {
            Assert.True(response.Headers.CacheControl?.NoStore);
        }
    }
}
