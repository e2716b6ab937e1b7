using System.Security.Cryptography;
using Cdp.Host.Security;

namespace Cdp.Host.Services;

/// <summary>
/// The first admin, made when nobody can sign in yet: the name and password come from configuration
/// (<c>--admin-password</c>, <c>Cdp:AdminPassword</c> or <c>CDP_ADMIN_PASSWORD</c>); without one, a random
/// password is printed once and left in <c>DATA/initial-admin-password</c> (readable by the owner only).
/// </summary>
internal static class FirstAdmin
{
    public static void Ensure(UserStore users, CdpHostOptions options, TextWriter log)
    {
        Create(users, options, log);
        if (options.BootstrapApiKey is { Length: > 0 } key && users.FindByApiKey(key) is null)
        {
            var admin = users.Users.FirstOrDefault(u => u.Role == Roles.Admin)?.Name ?? options.AdminUser;
            if (users.RegisterApiKey(admin, key) is { } problem)
            {
                throw new InvalidOperationException($"CDP_BOOTSTRAP_API_KEY: {problem}");
            }

            log.WriteLine($"cdp: the bootstrap API key is registered for `{admin}`");
        }
    }

    private static void Create(UserStore users, CdpHostOptions options, TextWriter log)
    {
        if (users.Users.Count > 0)
        {
            return;
        }

        var password = options.AdminPassword;
        var generated = password is null;
        password ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
        if (users.Save(options.AdminUser, Roles.Admin, password) is { } problem)
        {
            throw new InvalidOperationException($"the first admin `{options.AdminUser}` from configuration: {problem}");
        }

        if (generated)
        {
            var file = Path.Combine(options.DataDirectory!, "initial-admin-password");
            File.WriteAllText(file, password + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            log.WriteLine($"cdp: first admin `{options.AdminUser}` with password {password} (also in {file}; set CDP_ADMIN_PASSWORD to choose it)");
        }
        else
        {
            log.WriteLine($"cdp: first admin `{options.AdminUser}` created from configuration");
        }
    }
}
