using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cdp.Host.Security;

/// <summary>A user of the web app: a name, a role and the password's hash.</summary>
public sealed record AppUser(string Name, string Role, string PasswordHash, DateTime CreatedAt);

/// <summary>An API key: its public id, the SHA-256 of its secret, whose it is.</summary>
public sealed record ApiKey(string Id, string User, string SecretHash, DateTime CreatedAt);

/// <summary>
/// Users and API keys in <c>DATA/users.json</c> (written whole to a temporary file and renamed). Keys are
/// <c>cdp_ID_SECRET</c>: the id finds the key, the secret is compared by hash in constant time; the secret is
/// shown once, when the key is made, and never stored.
/// </summary>
public sealed class UserStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly string _path;
    private readonly Lock _gate = new();
    private Contents _contents;

    public UserStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _path = Path.Combine(dataDirectory, "users.json");
        _contents = File.Exists(_path) ? JsonSerializer.Deserialize<Contents>(File.ReadAllText(_path), Json) ?? new Contents([], []) : new Contents([], []);
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

    /// <summary>Adds a user or replaces its role and password; the reason when the name, role or password will not do.</summary>
    public string? Save(string name, string role, string password)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            return "a user name is 1 to 64 letters, digits, '.', '_', '-' or '@'";
        }

        if (!Roles.All.Contains(role))
        {
            return $"a role is one of {string.Join(", ", Roles.All)}, not `{role}`";
        }

        if (password.Length < 12)
        {
            return "a password has at least 12 characters";
        }

        var user = new AppUser(name, role, PasswordHash.Create(password), DateTime.UtcNow);
        lock (_gate)
        {
            _contents = _contents with { Users = [.. _contents.Users.Where(u => u.Name != name), user] };
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

    private sealed record Contents(IReadOnlyList<AppUser> Users, IReadOnlyList<ApiKey> ApiKeys);
}
