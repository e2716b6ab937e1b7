using System.Security.Cryptography;
using Cdp.Host.Security;
using Cdp.Host.Services;

namespace Cdp.Web.Tests;

/// <summary>A deployment's bootstrap makes the host's first API key; the host registers it at start, once.</summary>
public sealed class BootstrapKeyTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cdp-bootstrap-key-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void The_bootstrap_key_signs_in_as_the_first_admin_and_is_registered_once()
    {
        var key = $"cdp_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
        var options = new CdpHostOptions { DataDirectory = _data, AdminPassword = "admin-password-for-tests", BootstrapApiKey = key };
        var log = new StringWriter();
        FirstAdmin.Ensure(new UserStore(_data), options, log);
        Assert.Contains("bootstrap API key is registered for `admin`", log.ToString(), StringComparison.Ordinal);

        var users = new UserStore(_data); // a restart: the key is there, and not registered twice
        FirstAdmin.Ensure(users, options, TextWriter.Null);
        Assert.Equal("admin", users.FindByApiKey(key)?.Name);
        Assert.Single(users.ApiKeys);
        Assert.DoesNotContain(key.Split('_', 3)[2], File.ReadAllText(Path.Combine(_data, "users.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("cdp_XYZ_short")]
    public void A_malformed_bootstrap_key_stops_the_start_with_the_reason(string key)
    {
        var options = new CdpHostOptions { DataDirectory = _data, AdminPassword = "admin-password-for-tests", BootstrapApiKey = key };
        var error = Assert.Throws<InvalidOperationException>(() => FirstAdmin.Ensure(new UserStore(_data), options, TextWriter.Null));
        Assert.Contains("CDP_BOOTSTRAP_API_KEY: a key is cdp_ID_SECRET", error.Message, StringComparison.Ordinal);
    }
}
