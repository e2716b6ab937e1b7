using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cdp.Host.Security;

/// <summary>A user of the web app: a name, a role and the password's hash.</summary>
public sealed record AppUser(string Name, string Role, string PasswordHash, DateTime CreatedAt);

/// <summary>An API key: its public id, the SHA-256 of its secret, whose it is.</summary>
public sealed record ApiKey(string Id, string User, string SecretHash, DateTime CreatedAt);

/// <summary>A browser session: the SHA-256 of the id its cookie carries, whose it is, when it began.</summary>
public sealed record SignInSession(string IdHash, string User, DateTime CreatedAt);

/// <summary>
/// Users, API keys and browser sessions in <c>DATA/users.json</c> (written whole to a temporary file and
/// renamed). Keys are <c>cdp_ID_SECRET</c>: the id finds the key, the secret is compared by hash in constant
/// time; the secret is shown once, when the key is made, and never stored. A session cookie carries only a
/// session id: every request looks the session and the user's current role up here, so signing out, a new
/// password, a new role or a deleted user ends the user's sessions at once.
/// </summary>
public sealed class UserStore
{
    /// <summary>The longest a session lives, however active (the cookie itself slides over 8 idle hours).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(7);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly string _path;
    private readonly Lock _gate = new();
    private Contents _contents;

    public UserStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _path = Path.Combine(dataDirectory, "users.json");
        _contents = File.Exists(_path) ? JsonSerializer.Deserialize<Contents>(File.ReadAllText(_path), Json) ?? Contents.Empty : Contents.Empty;
        _contents = _contents with { Sessions = _contents.Sessions ?? [] };
    }

    public IReadOnlyList<AppUser> Users
    {
        get
        {
            lock (_gate)
            {
                return _contents.Users;
            }
        }
    }

    /// <summary>Adds a user or changes one's role and password; the reason when the name, role or password will not do.</summary>
    /// <remarks>For an existing user an empty <paramref name="password"/> keeps the password. Any change ends the user's sessions.</remarks>
    public string? Save(string name, string role, string? password)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            return "a user name is 1 to 64 letters, digits, '.', '_', '-' or '@'";
        }

        if (!Roles.All.Contains(role))
        {
            return $"a role is one of {string.Join(", ", Roles.All)}, not `{role}`";
        }

        lock (_gate)
        {
            var existing = _contents.Users.FirstOrDefault(u => u.Name == name);
            if ((existing is null || !string.IsNullOrEmpty(password)) && PasswordProblem(password ?? "") is { } weak)
            {
                return weak;
            }

            if (existing is { Role: Roles.Admin } && role != Roles.Admin && IsLastAdmin(name))
            {
                return $"`{name}` is the last admin: make another admin first";
            }

            var user = existing is null
                ? new AppUser(name, role, PasswordHash.Create(password!), DateTime.UtcNow)
                : existing with { Role = role, PasswordHash = string.IsNullOrEmpty(password) ? existing.PasswordHash : PasswordHash.Create(password) };
            _contents = _contents with
            {
                Users = [.. _contents.Users.Where(u => u.Name != name), user],
                Sessions = [.. _contents.Sessions!.Where(s => s.User != name)],
            };
            Write();
        }

        return null;
    }

    /// <summary>A user's own new password, given the current one; ends every other session of the user.</summary>
    public string? ChangePassword(string name, string currentPassword, string newPassword, string? keepSession)
    {
        if (SignIn(name, currentPassword) is null)
        {
            return "the current password is wrong";
        }

        if (PasswordProblem(newPassword) is { } weak)
        {
            return weak;
        }

        lock (_gate)
        {
            var keep = keepSession is null ? null : Hash(keepSession);
            _contents = _contents with
            {
                Users = [.. _contents.Users.Select(u => u.Name == name ? u with { PasswordHash = PasswordHash.Create(newPassword) } : u)],
                Sessions = [.. _contents.Sessions!.Where(s => s.User != name || s.IdHash == keep)],
            };
            Write();
        }

        return null;
    }

    /// <summary>Deletes a user with their keys and sessions; the reason when that cannot be done.</summary>
    public string? Delete(string name)
    {
        lock (_gate)
        {
            if (_contents.Users.All(u => u.Name != name))
            {
                return $"no user `{name}`";
            }

            if (IsLastAdmin(name))
            {
                return $"`{name}` is the last admin and cannot be deleted";
            }

            _contents = new Contents(
                [.. _contents.Users.Where(u => u.Name != name)],
                [.. _contents.ApiKeys.Where(k => k.User != name)],
                [.. _contents.Sessions!.Where(s => s.User != name)]);
            Write();
        }

        return null;
    }

    /// <summary>The user when the password is theirs.</summary>
    public AppUser? SignIn(string name, string password)
    {
        var user = Users.FirstOrDefault(u => u.Name == name);
        if (user is null)
        {
            PasswordHash.Verify(password, Dummy); // the same work either way: no telling which names exist by timing
            return null;
        }

        return PasswordHash.Verify(password, user.PasswordHash) ? user : null;
    }

    /// <summary>A new session for a user who has just signed in; the returned id goes into the cookie and nowhere else.</summary>
    public string StartSession(string user)
    {
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            _contents = _contents with { Sessions = [.. _contents.Sessions!.Where(s => now - s.CreatedAt < SessionLifetime), new SignInSession(Hash(id), user, now)] };
            Write();
        }

        return id;
    }

    /// <summary>The user of a live session, with their current role; null when the session was ended or the user is gone.</summary>
    public AppUser? FindBySession(string sessionId)
    {
        var hash = Hash(sessionId);
        lock (_gate)
        {
            var session = _contents.Sessions!.FirstOrDefault(s => s.IdHash == hash);
            return session is null || DateTime.UtcNow - session.CreatedAt >= SessionLifetime ? null : _contents.Users.FirstOrDefault(u => u.Name == session.User);
        }
    }

    /// <summary>Ends one session (signing out).</summary>
    public void EndSession(string sessionId)
    {
        var hash = Hash(sessionId);
        lock (_gate)
        {
            if (_contents.Sessions!.Any(s => s.IdHash == hash))
            {
                _contents = _contents with { Sessions = [.. _contents.Sessions!.Where(s => s.IdHash != hash)] };
                Write();
            }
        }
    }

    /// <summary>A new key for a user; the returned text is the only copy of its secret.</summary>
    public string CreateApiKey(string user)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        lock (_gate)
        {
            if (_contents.Users.All(u => u.Name != user))
            {
                throw new InvalidOperationException($"no user `{user}`");
            }

            _contents = _contents with { ApiKeys = [.. _contents.ApiKeys, new ApiKey(id, user, Hash(secret), DateTime.UtcNow)] };
            Write();
        }

        return $"cdp_{id}_{secret}";
    }

    /// <summary>Registers a key made elsewhere (a deployment's bootstrap) for a user; the reason when it will not do.</summary>
    public string? RegisterApiKey(string user, string key)
    {
        var parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[0] != "cdp" || parts[1].Length != 12 || !parts[1].All(char.IsAsciiHexDigitLower) || parts[2].Length < 32)
        {
            return "a key is cdp_ID_SECRET: ID 12 lower-case hex digits, SECRET at least 32 characters (docker/bootstrap.sh makes one)";
        }

        lock (_gate)
        {
            if (_contents.Users.All(u => u.Name != user))
            {
                return $"no user `{user}`";
            }

            if (_contents.ApiKeys.Any(k => k.Id == parts[1]))
            {
                return $"a different key with the id {parts[1]} exists";
            }

            _contents = _contents with { ApiKeys = [.. _contents.ApiKeys, new ApiKey(parts[1], user, Hash(parts[2]), DateTime.UtcNow)] };
            Write();
        }

        return null;
    }

    /// <summary>The keys there are (without their secrets, which are not kept).</summary>
    public IReadOnlyList<ApiKey> ApiKeys
    {
        get
        {
            lock (_gate)
            {
                return _contents.ApiKeys;
            }
        }
    }

    /// <summary>Revokes a key; false when there is no such key.</summary>
    public bool RevokeApiKey(string id)
    {
        lock (_gate)
        {
            if (_contents.ApiKeys.All(k => k.Id != id))
            {
                return false;
            }

            _contents = _contents with { ApiKeys = [.. _contents.ApiKeys.Where(k => k.Id != id)] };
            Write();
            return true;
        }
    }

    /// <summary>The user a key belongs to, if the key is good.</summary>
    public AppUser? FindByApiKey(string key)
    {
        var parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[0] != "cdp")
        {
            return null;
        }

        lock (_gate)
        {
            var stored = _contents.ApiKeys.FirstOrDefault(k => k.Id == parts[1]);
            if (stored is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(stored.SecretHash), Convert.FromHexString(Hash(parts[2]))))
            {
                return null;
            }

            return _contents.Users.FirstOrDefault(u => u.Name == stored.User);
        }
    }

    private static readonly string Dummy = PasswordHash.Create("not a password of anyone");

    private static string? PasswordProblem(string password) => password.Length < 12 ? "a password has at least 12 characters" : null;

    private bool IsLastAdmin(string name) =>
        _contents.Users.Any(u => u.Name == name && u.Role == Roles.Admin) && _contents.Users.Count(u => u.Role == Roles.Admin) == 1;

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void Write()
    {
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_contents, Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    private sealed record Contents(IReadOnlyList<AppUser> Users, IReadOnlyList<ApiKey> ApiKeys, IReadOnlyList<SignInSession>? Sessions)
    {
        public static Contents Empty => new([], [], []);
    }
}
